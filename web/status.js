// Each program's status badge as of today. The build wrote, for every badge, the dates its
// status changes on and the words for each (generator/core/status.py status_changes): this
// only picks the last change on or before today's date, so a page built months ago still
// tells "period ended" the day after the period ends. No rule is judged here.
export function refreshStatus(root) {
  const now = new Date();
  const today = [now.getFullYear(), now.getMonth() + 1, now.getDate()].map((n) => String(n).padStart(2, "0")).join("-");
  for (const badge of root.querySelectorAll("[data-status-changes]")) {
    const changes = JSON.parse(badge.dataset.statusChanges);
    const current = changes.filter(([from]) => from <= today).pop() ?? changes[0];
    const [, status, text] = current;
    badge.className = `status-badge status-badge--${status}`;
    badge.textContent = text;
    badge.closest("[data-program]")?.classList.toggle("finder-card--ended", status === "period-ended");
  }
  document.documentElement.dataset.statusDate = today; // for the tests
}
