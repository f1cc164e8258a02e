"""Writers of what the site publishes: schemas, pages, the browser bundle."""
