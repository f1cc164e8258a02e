"""What each schema change says, zh and en; the breaking ones say which applications they now reject."""

SAY = {
    "narrowed": (
        "类型由 {old} 收窄为 {new}：其他类型的值会被拒绝",
        "type narrowed from {old} to {new}: values of other types are rejected",
    ),
    "widened": ("类型由 {old} 放宽为 {new}", "type widened from {old} to {new}"),
    "enum": ("新增取值限制，只允许 {new}：其他值会被拒绝", "now restricted to {new}: other values are rejected"),
    "enum-removed": (
        "删除了可选值 {old}：填这些值的申请会被拒绝",
        "allowed values removed: {old}; applications with them are rejected",
    ),
    "enum-added": ("新增可选值 {new}", "allowed values added: {new}"),
    "enum-dropped": ("取消了取值限制", "no longer restricted to a list of values"),
    "const": ("固定值由 {old} 改为 {new}：原来的值会被拒绝", "const changed from {old} to {new}: the former value is rejected"),
    "bound": ("新增 {kw} {new}：超出它的值会被拒绝", "{kw} {new} added: values beyond it are rejected"),
    "raised": (
        "{kw} 由 {old} 提高到 {new}：低于新下限的值会被拒绝",
        "{kw} raised from {old} to {new}: values below the new bound are rejected",
    ),
    "lowered": (
        "{kw} 由 {old} 降低到 {new}：高于新上限的值会被拒绝",
        "{kw} lowered from {old} to {new}: values above the new bound are rejected",
    ),
    "stricter": (
        "{old} 改为更严的 {kw} {new}：边界上的值会被拒绝",
        "{old} replaced by the stricter {kw} {new}: values at the bound are rejected",
    ),
    "loosened": ("{old} 放宽为 {new}", "{old} loosened to {new}"),
    "form": ("新增 {kw} {new}：不符合它的值会被拒绝", "{kw} {new} added: values not of that form are rejected"),
    "form-changed": (
        "{kw} 由 {old} 改为 {new}：只符合旧格式的值会被拒绝",
        "{kw} changed from {old} to {new}: values of the old form only are rejected",
    ),
    "dropped": ("取消了 {kw}", "{kw} removed"),
    "unique": (
        "各项不得再重复：有重复项的申请会被拒绝",
        "items must now be unique: applications with repeated items are rejected",
    ),
    "unique-off": ("各项可以重复了", "items may now repeat"),
    "field-removed": ("字段已删除：填写了它的申请会被拒绝", "field removed: applications that fill it are rejected"),
    "optional-added": ("新增选填字段", "optional field added"),
    "required-added": ("新增必填字段：缺少它的申请会被拒绝", "new required field: applications without it are rejected"),
    "now-required": ("由选填改为必填：缺少它的申请会被拒绝", "now required: applications without it are rejected"),
    "now-optional": ("{kw} 改为选填", "{kw} no longer required"),
    "closed": (
        "不再接受未列出的字段：带有其他字段的申请会被拒绝",
        "no longer accepts fields it does not list: applications with others are rejected",
    ),
    "opened": ("开始接受未列出的字段", "now accepts fields it does not list"),
    "unknown": (
        "关键字 {kw} 新增或改变；本检查无法判断其影响，按破坏性变更处理",
        "keyword {kw} added or changed; this check cannot tell its effect, so it counts as breaking",
    ),
}
