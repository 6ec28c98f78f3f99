# zhpress 的简体中文消息。每个 id 都与 en.ftl 相同、变量相同；
# zh-Hant.ftl 由本文件转换生成（README「Messages in your language」）。

## 每条消息周围的用语

label-error = 错误
label-help = 提示
label-note = 注意
list-separator = {"、"}
did-you-mean = 是不是要写 `{ $candidate }`？
expected-one-of = 应为以下之一：{ $candidates }

## 命令行帮助

cli-about = 一份中文源稿，生成繁体与简体两种文字的静态网站
cli-usage-heading = 用法：
cli-commands-heading = 命令
cli-options-heading = 选项
cli-arguments-heading = 参数
cli-help = 显示帮助
cli-version = 显示版本
cli-root = 网站所在的文件夹（site.toml 所在处）。
cli-lang = 消息和帮助的语言（默认取自 LC_ALL、LC_MESSAGES 或 LANG）。
cli-drafts = 包括标记为 `draft = true` 的条目和页面。
cli-build = 把网站构建到 output/。
cli-build-output = 网站写到哪里（默认：<root>/output）。
cli-build-base-url = 代替 site.toml 的 base_url，例如用于预览主机。
cli-build-timings = 显示每个阶段用了多长时间。
cli-build-force = 构建到一个不是 zhpress 创建的文件夹：其中网站不生成的文件保留，网站生成的文件被替换。
cli-check = 检查 `build` 检查的一切、站内链接以及源稿的文字（字形检查）；除非加 --fix，否则不写任何文件。
cli-check-drafts = 同时检查标记为 `draft = true` 的条目和页面。
cli-check-fix = 就地改写字形检查标出的片段，别的不动。
cli-check-audit = 另外列出转换在没有词组或规则决定时，为单个字（干、发……）选了哪种读法，供复核。
cli-serve = 在本机回环地址、base_url 的路径下提供网站；加 --watch 时每次改动都重新构建并刷新打开的页面。
cli-serve-watch = content/、themes/、templates/、static/ 和 site.toml 有改动时重新构建。
cli-serve-port = 端口；0 表示任选一个空闲端口。
cli-serve-bind = 监听的地址。回环地址以外的地址会让你所在网络里的人都看到网站。
cli-serve-open = 在默认浏览器中打开网站。
cli-serve-base-url = 代替 site.toml 的 base_url。
cli-serve-editor = 错误浮层中的链接用哪个编辑器打开文件（code、cursor、zed、subl、idea……；默认：$VISUAL 或 $EDITOR）。
cli-convert = 按 OpenCC 配置（s2t、t2s、s2twp……）把标准输入转换到标准输出，与 zhpress 转换内容的方式相同。
cli-convert-config = 转换方式，以 OpenCC 配置名称指定。
cli-convert-dictionaries = zhpress：OpenCC 的词典加上 zhpress 的修正（docs/deviations.md）；opencc：只用 OpenCC 的词典，与 C++ 库逐字节相同。
cli-init = 在 DIR 中创建一个立即可以构建的新网站（设置、一个示例条目、默认主题）。
cli-init-dir = 创建网站的文件夹；它必须尚不存在或为空。
cli-new = 创建内容的框架。
cli-new-org = 一个新的机构条目：content/orgs/<slug>.md
cli-new-org-slug = 条目的 slug：它的文件名和网址，用小写 ASCII 字母、数字和 `-`（例如 red-cross-chongqing）。

## 命令输出

init-made = zhpress：已在 { $dir } 创建新网站（{ $files } 个文件）
init-next = 下一步：cd { $dir } && zhpress serve --watch
new-wrote = zhpress：已写入 { $path }（草稿：`zhpress serve --watch --drafts` 可以看到它；删去其中 `draft = true` 一行即发布）
build-variant-pages = { $variant } { $pages } 页
build-done = zhpress：已构建 { $pages }（{ $files } 个文件，{ $changed } 个有改动），写到 { $output }，用时 { $ms } 毫秒
build-timings = 用时：读取 { $load } 毫秒，转换 { $convert } 毫秒，渲染 { $render } 毫秒（其中边渲染边写文件 { $writing } 毫秒，各线程合计），写入 { $write } 毫秒
build-failed = zhpress：网站文件中有 { $errors } 个错误；没有写入任何文件，{ $output } 保持原样
build-stopped = zhpress：构建已停止；{ $output } 保持原样
build-stopped-by-limit = zhpress：构建被中止；没有写入任何文件，{ $output } 保持原样
check-stopped-by-limit = zhpress：检查被中止
serve-stopped-by-limit = zhpress：serve 已停止，因为模板无法被中断；请修正模板后重新启动 serve
check-failed = zhpress：检查发现 { $problems } 个问题
site-errors = zhpress：网站文件中有 { $errors } 个错误
check-passed = zhpress：检查通过：在内存中构建了 { $files } 个文件，所有站内链接都能找到，源稿文字无误
fix-fixed = 已修正 { $location }：`{ $suspect }` → `{ $correction }`
fix-summary = zhpress：改写了 { $files } 个文件中的 { $spans } 处
audit-reading = { $conversion } 把 `{ $source }` 读作 `{ $chosen }`（其他读法：{ $others }）
audit-readings-summary = zhpress：复核：有 { $places } 处单个字有多种读法、转换选了其中一种；请逐一复核，读错的用 -{"{"}…{"}"}- 或词汇表修正
audit-regional-made = 把 `{ $source }` 写成 `{ $became }`
audit-regional-kept = 保留 `{ $source }`；OpenCC 完整的台湾用语转换会写成 `{ $became }`
audit-regional-summary = zhpress：复核：台湾用语转换做了或略过了 { $substitutions } 处地区词汇替换；需要另一种写法的地方，用 -{"{"}…{"}"}- 固定该词

## 命令行错误

render-timeout-not-seconds = ZHPRESS_RENDER_TIMEOUT={ $value } 不是秒数
render-timeout-not-seconds-hint = 请设为整数秒，或不设置（默认 { $default } 秒）
base-url-flag-bad = --base-url `{ $url }` { $why }
base-url-flag-bad-hint = 请给出网站将来的地址，例如 --base-url https://example.org/report，或一个路径，例如 --base-url /report
convert-unknown = -c { $config }：zhpress 没有名为 `{ $name }` 的转换

## 读取 TOML

toml-string-not-closed = 这不是有效的 TOML：文本值没有结束
toml-string-not-closed-hint = 在同一行用 `{ $quote }` 结束它：name = "重庆市移民学会"
toml-text-unquoted = 这不是有效的 TOML：文本值要放在双引号里
toml-text-unquoted-hint = 写成 name = "重庆市移民学会"
toml-duplicate-key = 这不是有效的 TOML：重复的键（同一个键写了两次）
toml-duplicate-key-hint = 每个键在一个表里只能出现一次；删掉其中一个
toml-invalid = 这不是有效的 TOML：{ $detail }
unknown-key = 未知的键 `{ $key }`
field-missing = 缺少必填字段 `{ $key }`
field-missing-hint = 加一行 `{ $key } = { $example }`
field-empty = `{ $key }` 是空的
write-it-as = 写成 `{ $key } = { $example }`
write-count-or-all = 写成 `{ $key } = { $example }`，或 `{ $key } = "all"`
expected-found = 应为{ $expected }，实际是{ $found }
expected-text = 双引号里的文本
expected-boolean = true 或 false
expected-count = 0 或以上的整数
expected-count-or-all = 1 或以上的整数，或 "all"
expected-date = 日期
expected-date-text = 日期（年-月-日）
expected-money = 以元计的金额
expected-number = 数字
expected-table = 表
expected-table-hint = 写成 `{"{"} name = "...", ... {"}"}`
expected-table-or-file = 表或文件名
expected-tables = 表的列表
expected-tables-hint = 每一项写在各自的 `[[{ $key }]]` 标题下
expected-url = 双引号里的网址
expected-email = 双引号里的电子邮件地址
expected-integer = 整数
expected-file-name = 双引号里的文件名
expected-coordinates = 纬度和经度
value-text = 文本
value-integer = 整数
value-decimal = 小数
value-boolean = true/false
value-date = 日期
value-list = 列表
value-table = 表
figure-no-value = `{ $key }` 没有 `value`
figure-no-value-hint = 写成 `{ $key } = {"{"} value = 3100, qualifier = "近" {"}"}`；数字确切时写 `{ $key } = 3100`
qualifier-unknown = `{ $word }` 不是修饰数字的词
qualifier-unknown-hint = { $suggestion }（可用的词：{ $words }）
decimal-negative = 数值 { $value } 是负数；金额和数量不能为负
decimal-negative-hint = 去掉负号，例如 `{ $key } = 41379.99`；退款或亏损不是 zhpress 会累计的金额
decimal-malformed = { $value } 不是普通的十进制数
decimal-malformed-hint = 只写数字，最多一个小数点，例如 `{ $key } = 41379.99`
money-too-precise = 金额 { $value } 超过两位小数；金额以分（0.01 元）为单位
money-too-large = 金额 { $value } 太大，不可能是一笔钱
money-implausible = 金额 { $value } 超过 { $most } 元；请检查是否多写了数字
money-hint = 以元为单位，最多两位小数：`{ $key } = 41379.99`
quantity-too-precise = 数量 { $value } 超过三位小数
quantity-too-large = 数量 { $value } 太大
quantity-hint = 写成 `{ $key } = 11.5`

## 条目

entry-file-empty = 文件是空的
entry-file-empty-hint = 条目以 +++ 开头，然后是它的字段（至少有 `name` 和一个 [[activities]]），再以 +++ 结束；`zhpress new org <slug>` 可以写出一个
front-matter-yaml = 不支持 YAML 格式的前置数据（---）
front-matter-yaml-hint = 在两行 `+++` 之间用 TOML 写前置数据：`name = "..."`
front-matter-not-first = 文件的第一行不是 `+++`
front-matter-not-first-hint = 把字段放在文件开头的两行 `+++` 之间，后面再写正文
front-matter-not-closed = 这里开始的前置数据没有结束
front-matter-not-closed-hint = 在最后一个字段之后、正文之前加一行 `+++`
entry-no-activities = 条目没有任何活动
entry-no-activities-hint =
    至少加一项：
    {"[[activities]]"}
    type = "{ $example }"
    summary = "..."
entry-activities-empty = 活动列表是空的
entry-activities-empty-hint = 至少加一个 `[[activities]]`，写上 `type = "{ $example }"` 和 `summary`
activity-type-unknown = 未知的活动类型 `{ $value }`
activity-type-unknown-hint = { $suggestion }（活动类型在 site.toml 中声明）
field-key-invalid = `{ $key }` 不能作为字段的键
field-key-invalid-hint = 用小写 ASCII 字母、数字和 `_`，以字母开头：`key = "founded"`
field-key-taken = 条目已经有 `{ $key }` 了
field-key-taken-hint = 给这个字段另选一个键
field-type-unknown = 没有 `{ $kind }` 这种字段类型
field-url-invalid = `{ $value }` 不是网址
field-url-invalid-hint = 写出完整的网址：`"https://example.org/"`
field-email-invalid = `{ $value }` 不是电子邮件地址
field-email-invalid-hint = 写成 `"info@example.org"`
field-integer-too-large = 数字太大
field-integer-too-large-hint = 写一个整数，例如 `1998`
field-coordinates-hint = 以度为单位写成 `[29.56, 106.55]`（纬度从 -90 到 90，经度从 -180 到 180）
image-leaves-folder = `{ $file }` 超出了条目所在的文件夹
image-leaves-folder-hint = 写条目旁边的文件名，或网站下的路径，例如 `/images/logo.png`
image-not-found = 条目旁边没有文件 `{ $file }`
image-not-found-hint = 把图片放进条目的文件夹，或改正文件名
image-no-folder = `{ $file }` 应在条目旁边，但条目没有自己的文件夹
image-no-folder-hint = 把条目写成 content/orgs/<slug>/index.md，图片放在它旁边；或给出网站下的路径，例如 `/images/logo.png`

## 开发服务器的错误浮层

overlay-heading = zhpress：最近一次修改无法构建。页面显示的是上一次成功构建的结果。
overlay-close = 关闭
overlay-open = 在编辑器中打开到这一行
waiting-title = zhpress：网站无法构建
waiting-heading = 网站还无法构建

# --- scaffolds, the build's lint summary, a file in the other script ---
cli-init-cms = 同时写入 static/admin/：表单由 site.toml 生成的浏览器内容管理界面；不给 DIR 时写入 --root 所指的网站。
cli-init-force = 与 --cms 同用：替换 static/admin/ 中的文件（site.toml 改动之后）。
cli-new-page = 新的自由页面（关于、方法说明）：content/pages/<slug>.md，草稿。
cli-build-strict = 源稿中有文字或标点疏漏（即 `zhpress check` 列出的）时拒绝构建；不写入任何文件。
label-warning = 警告
lint-summary = 源稿中有 { $findings } 处文字或标点疏漏，分布在 { $files } 个文件中{ $whole }；`zhpress check` 列出它们，`zhpress check --fix` 修正它们，`build --strict` 遇到它们时拒绝构建
lint-summary-wrong = ，其中 { $count } 个文件用的是另一种文字
lint-wrong-script = 这个文件是用{ $written }字写的，而网站的源稿文字是{ $source }（有 { $count } 个词会改变，这里是第一个）
lint-wrong-script-hint = 整个文件转换过来：`zhpress convert -c { $conversion } < { $file } > { $file }.new && mv { $file }.new { $file }`，然后再运行 `zhpress check`；如果整个网站都用这种文字，请改 site.toml 的 `source`
script-simplified = 简体
script-traditional = 繁体
audit-group = { $conversion } `{ $source }` → `{ $chosen }`（另有：{ $others }），共 { $places } 处：

## Site files: site.toml, content/, themes, links, -{…}- markup, Markdown (part A)

### site.toml

config-unreadable = 无法读取网站设置：{ $error }
config-unreadable-hint = 请在网站的文件夹中运行 zhpress，或用 --root DIR 指定；`zhpress init DIR` 可新建一个网站
config-source-unknown = 未知的源稿文字 `{ $value }`
config-base-url-bad = base_url `{ $url }` { $why }
config-base-url-bad-hint = 请写出网站将来的地址，例如 `base_url = "https://example.org/report"`，或一个从主机根目录开始的路径，例如 `base_url = "/report"`
base-url-empty = 是空的
base-url-not-an-address = 不是地址：它不以 https://、http:// 或 / 开头
base-url-space = 含有空格；地址中不能有空格（文件夹名中有空格的地方写作 %20）
base-url-control = 含有字符 U+{ $code }，地址中不能有这个字符
base-url-no-scheme = 没有协议：请写成 https://…
base-url-query = 带有 ?查询 或 #片段，而页面的地址是在它后面添加路径得到的
base-url-invalid = 不是有效的地址（{ $error }）
base-url-scheme = 以 `{ $scheme }:` 开头；网站的地址应以 https:// 或 http:// 开头
base-url-not-written-as = 没有写成 https://主机/路径 的形式
base-url-no-host = 没有主机名
base-url-credentials = 带有用户名或密码，它们会公开在每一个页面上
config-paginate-zero = 一页不能显示 0 个条目
config-paginate-zero-hint = 请写一个大于等于 1 的整数，例如 `paginate_by = { $default }`
config-dictionaries-unknown = 没有名为 `{ $value }` 的词典
config-dictionaries-unknown-guess = 是不是要写 `{ $candidate }`？`zhpress`（默认）是 OpenCC 的词典加上 zhpress 的修正；`opencc` 是 OpenCC 自己的词典，结果与 C++ 库逐字节相同
config-dictionaries-unknown-hint = 请写 `dictionaries = "zhpress"` 或 `dictionaries = "opencc"`。`zhpress`（默认）是 OpenCC 的词典加上 zhpress 的修正；`opencc` 是 OpenCC 自己的词典，结果与 C++ 库逐字节相同
config-no-variants = 没有声明任何 `[[variants]]`
config-variants-empty = `variants` 是空列表：网站将什么也不发布
config-variants-hint = 请声明每一个发布的版本：[[variants]] code = "zh-Hant" path = "zh-hant" label = "繁體"
config-variant-code-not-a-tag = `{ $code }` 不是语言标记
config-variant-code-not-a-tag-hint = 请使用 BCP 47 语言标记，例如 zh-Hant、zh-Hans、zh-TW、zh-HK
config-variant-twice = 版本 `{ $code }` 声明了两次
config-variant-path-bad = 路径 `{ $path }` { $why }
config-variant-path-twice = 两个版本使用了同一个路径 `{ $path }`
config-conversion-unknown = 未知的转换 `{ $name }`
config-prose-needs-zhpress = `{ $name }` 是 zhpress 的台湾用语转换（不改动软件词汇），`dictionaries = "opencc"` 不包含它
config-prose-needs-zhpress-hint = 要用 OpenCC 自己的台湾用语转换，请写 `convert = "{ $full }"`；或者去掉 `dictionaries = "opencc"`
config-conversion-unknowable = 无法确定如何把 { $source } 文字转换为 `{ $code }`
config-conversion-unknowable-hint = 请写明 OpenCC 转换：`convert = "..."`，可选：{ $conversions }
config-quotes-unknown = 没有名为 `{ $value }` 的引号样式
config-quotes-unknown-guess = 是不是要写 `{ $candidate }`？`quotes = "corner"` 表示「…『…』…」（台湾、香港），`quotes = "curly"` 表示“…‘…’…”（大陆）；不写 `quotes` 则保留原文的引号
config-quotes-unknown-hint = `quotes = "corner"` 表示「…『…』…」（台湾、香港），`quotes = "curly"` 表示“…‘…’…”（大陆）；不写 `quotes` 则保留原文的引号
config-opencc-unavailable = 使用自己的 OpenCC 配置的版本由系统的 OpenCC 转换，而这个 zhpress 构建时没有包含它
config-opencc-unavailable-hint = 请带上这个特性构建 zhpress：`cargo build --release --features opencc-rust`（需要系统的 OpenCC：`apt-get install libopencc-dev`）；或者写一个内置的转换：`convert = "s2t"`
config-opencc-config-missing = 没有 OpenCC 配置文件 { $file }
config-opencc-config-missing-hint = 路径相对于网站的文件夹（site.toml 所在的文件夹）
config-no-activity-types = 没有声明任何 `[[activity_types]]`
config-activity-types-empty = `activity_types` 是空列表：没有条目能写明自己的活动类型
config-activity-types-hint = 请声明每一种活动类型：[[activity_types]] key = "donation" name = "捐款捐物"
config-type-key-bad = 键 `{ $key }` { $why }
config-type-twice = 活动类型 `{ $key }` 声明了两次
config-glossary-unreadable = 无法读取术语表文件 `{ $file }`：{ $error }
config-glossary-unreadable-hint = 请给出相对于网站文件夹的路径，例如 glossary = "glossary.toml"

### Slugs and content/

slug-empty = 是空的
slug-uppercase = 含有大写字母；网址不应因大小写而不同
slug-characters = 只能使用小写 ASCII 字母、数字和 `-`
slug-dashes = 不能以 `-` 开头或结尾，也不能连用 `-`
slug-bad = slug `{ $slug }` { $why }
variant-not-of-site = `{ $code }` 不是这个网站的版本
content-shallow-clone = 这是一个浅克隆的 git 仓库：在其最早的提交之前修改过的页面，会把这个提交的日期显示为最后更新日期（用 `git fetch --unshallow` 获取完整的历史）
content-asset-without-entry = 位于 content/orgs/{ $slug }/ 中，而这个文件夹里没有 index.md
content-asset-without-entry-hint = 旁边带有文件的条目应写作 content/orgs/{ $slug }/index.md；请把条目放在那里，或把这个文件移出 content/
content-override-orphan = 这个文件覆盖 `{ $slug }`，但没有以它为 slug 的条目
content-override-orphan-hint = 请按现有条目命名：orgs/<slug>.{ $code }.md
content-slug-taken = slug `{ $slug }` 也被 { $file } 使用
content-slug-taken-hint = 每个机构只有一个文件：保留 .md 或 .toml 其中之一
content-no-folder = 网站没有 content/ 文件夹
content-no-folder-hint = 请创建 content/orgs/，并为每个机构在其中放一个 <slug>.md
content-folder-not-file = 是一个文件夹，而 zhpress 在这里需要的是文件
content-folder-not-file-hint = 一个条目就是一个文件：请把 { $folder }/ 里的内容移出来，再删除这个文件夹
content-unknown-file = zhpress 不知道这是什么文件
content-unknown-file-hint = 机构放在 content/orgs/<slug>.md（或 content/orgs/<slug>/index.md，图片放在它旁边），自由页面放在 content/pages/<slug>.md，首页的文字放在 content/_index.md
content-folder-name-bad = 文件夹名 `{ $folder }` { $why }
content-folder-name-bad-hint = 请把文件夹改名为 { $suggestion }
content-no-extension = 没有扩展名
content-name-it = 请命名为 <slug>.{ $ext }
content-name-it-either = 请命名为 <slug>.{ $ext } 或 <slug>.{ $other }
content-entries-are-toml = 条目用 TOML 书写：带 +++ 前置数据的 <slug>.md，或 <slug>.toml
content-extension-not-read = 这里不读取 `.{ $ext }` 文件
content-slug-dot = slug 中不能含有 `.`
content-rename-it = 请改名为 { $name }
content-slug-case-clash = 旁边已有 { $renamed }，两者只有大小写不同：请把它们合并为 { $renamed }，或给这个文件另起一个名字
content-rename-file = 请把文件改名为 { $renamed }

### Reading files: kinds of file, links, encodings

files-cannot-read = 无法读取：{ $error }
files-fifo = 命名管道（FIFO）
files-socket = 套接字
files-device = 设备
files-folder = 文件夹
files-not-regular = 非普通文件
files-special = 是{ $kind }，不是文件：zhpress 只读取普通文件
files-special-hint = 请删除它，或在这个位置放上文件本身
files-it-is = 它是{ $what }，不是文件
files-link-loop = 是一个指回自身的符号链接（链接形成了循环）
files-link-loop-hint = 请用文件本身替换这个链接，或让它指向一个文件
files-link-dangling = 是指向 { $target } 的符号链接，而这个目标并不存在
files-link-dangling-unknown = 是指向一个文件的符号链接，而那个文件并不存在
files-link-dangling-hint = 请删除这个链接，或让它指向一个存在的文件
files-link-outside = 是指向 { $target } 的符号链接，而那里在网站之外；它所指向的内容永远不会发布
files-link-outside-hint = 请把文件复制到网站中，而不是链接到它
statics-folder-unreadable = 无法读取这个文件夹
statics-link-loop = 是指向 { $target } 的符号链接，而那个文件夹包含着这个链接：形成了循环
statics-link-loop-hint = 请链接到旁边的文件夹，或复制这些文件
statics-in-variant-folder = 会放进 { $path }/，这是 { $code } 版本的文件夹，其中的文件由 zhpress 生成
statics-in-variant-folder-hint = 请把它放在 static/ 中的其他位置，例如 static/files/{ $name }
statics-replaces-made-file = 会替换 zhpress 生成的 { $file }
statics-replaces-made-file-hint = 要修改 { $file }，请在 templates/ 中放入你自己的 { $template } 模板
statics-case-clash = `{ $first }` 和 `{ $second }` 只有大小写不同：在不区分大小写的磁盘或主机上（macOS、Windows），一个会替换另一个
statics-case-clash-hint = 请给其中一个改名
encoding-utf16 = 这个文件是 { $encoding } 文本（Windows 记事本称之为“Unicode”），不是 UTF-8
encoding-utf16-hint = 请把它另存为 UTF-8（另存为… → 编码：UTF-8），或者转换它：iconv -f { $encoding } -t UTF-8 { $file } > converted
encoding-nul = 这个文件含有 NUL 字符（字节 0），而文本中从不会有这个字符
encoding-nul-utf16-hint = 这看起来是没有字节顺序标记的 UTF-16：请把它另存为 UTF-8
encoding-nul-hint = 请删除它：NUL 字符不是文本（这个文件是不是从二进制文件复制来的，或者保存时被截断了？）
encoding-gbk = GBK，简体中文编码（GB2312，中文 Windows 上的“ANSI”）
encoding-gb18030 = GB18030，简体中文编码
encoding-big5 = Big5，台湾和香港的繁体中文编码
encoding-shift-jis = Shift_JIS，一种日文编码
encoding-euc-jp = EUC-JP，一种日文编码
encoding-euc-kr = EUC-KR，韩文编码
encoding-not-utf8-named = 这个文件不是 UTF-8：它看起来是 { $encoding }
encoding-not-utf8-named-hint = 请把它另存为 UTF-8（在大多数编辑器中：另存为… → 编码：UTF-8），或者转换它：iconv -f { $name } -t UTF-8 { $file } > converted
encoding-not-utf8 = 这个文件不是有效的 UTF-8 文本
encoding-not-utf8-hint = 请把文件另存为 UTF-8：这里有一个字节不属于任何 UTF-8 字符

### Themes, fields, glossary rules, init and new

theme-not-found = 主题 `{ $name }` 不在 themes/ 中
theme-template-unreadable = 无法读取模板：{ $error }
theme-script-unknown = 未知的文字 `{ $value }`
theme-string-not-text = 界面文字必须是双引号中的文本
field-required-empty = `{ $key }` 是必填的，但它是空的
rules-not-a-table = 规则要按版本给出这个词的写法
rules-not-a-table-hint = 写成 `"{ $term }" = {"{"} zh-Hans = "…", zh-Hant = "…" {"}"}`
rules-text-not-quoted = 文本必须写在双引号中
rules-term-empty = 规则的词不能为空
scaffold-try-slug = 试试 `zhpress new { $what } { $slug }`
scaffold-entry-exists = { $file }：slug 为 `{ $slug }` 的条目已经存在
scaffold-entry-exists-hint = 请换一个 slug，或编辑现有的文件
scaffold-folder-not-empty = { $dir }：这个文件夹不是空的
scaffold-folder-not-empty-hint = 请给一个新的文件夹名，例如 `zhpress init my-report`
# The comment line at the top of a new entry's or page's front matter (after `# `).
scaffold-draft-comment = 草稿：删去下一行即发布；在此之前 `zhpress build` 不包含它，`build --drafts` 会显示它。
# Comments in the site.toml that `zhpress init` writes (after `# `).
scaffold-site-source = 内容所用的文字：zh-Hant 或 zh-Hans
scaffold-site-dictionaries = 只用 OpenCC 的词典，不加 zhpress 对它们的修正
scaffold-site-variants = 第一个是默认版本
cms-unknown = zhpress 无法设置名为 `{ $cms }` 的内容管理系统
cms-unknown-hint = 请写 `--cms decap`（Sveltia CMS 读取同样的设置）
cms-exists = { $file } 已经存在
cms-exists-hint = 要根据 site.toml 重新生成 static/admin/ 并替换其中的内容，请运行 `zhpress init --cms { $cms } --force`
cms-written = zhpress：已写入 { $files }；编辑者打开 <site>/admin/ 即可（在本地：在网站的文件夹中运行 `npx decap-server` 和 `zhpress serve`）
cms-written-and = {" 和 "}

### Links, pages, -{…}- markup, Markdown

links-outside-site = 链接到 `{ $dest }`，它在网站之外（网站发布在 { $base }）
links-outside-site-hint = 请写成 `{ $base }{ $path }`，或写一个相对于本页的链接
links-missing = 链接到 `{ $dest }`，而网站中没有它
links-missing-hint = 请检查名称；条目旁边的文件应放在 content/orgs/<slug>/ 中，条目本身写作那里的 index.md
links-missing-output-hint = 请检查 slug，或生成这个链接的模板
page-home = 首页
page-activities = 活动页面
page-stats = 统计页面
page-activity-type = 活动类型 `{ $key }`
page-donations = 捐赠表
page-categories = 分类页面
page-category = 分类 `{ $slug }`
page-org = 机构 `{ $slug }`
page-not-found = 404 页面
page-feed = Atom 订阅源
page-data = 开放数据页面
markup-not-closed = `-{"{"}` 开始了一条转换规则，但它没有结束
markup-not-closed-hint = 请在同一段中用 `{"}"}-` 结束它，例如 -{"{"}鮮于{"}"}-；要显示 `-{"{"}` 本身，请把它放在 `code` 中
markup-hidden-not-per-variant = 隐藏规则 `-{"{"}H|…{"}"}-` 必须按版本给出文本
markup-hidden-not-per-variant-hint = 写成 -{"{"}H|zh-Hans:鲜于;zh-Hant:鮮于{"}"}-
markup-no-code = 按版本的规则中，`{ $part }` 没有 `code:`
markup-no-code-hint = 每个版本写成 code:文本，用 `;` 分隔：-{"{"}zh-Hans:鲜于;zh-Hant:鮮于{"}"}-
markup-not-a-code = `{ $code }` 不是版本代码
markup-not-a-code-hint = 请使用 zh-Hans、zh-Hant、zh-TW、zh-HK 这样的代码
markup-no-text = 这条按版本的规则没有给出文本
markup-no-text-hint = 写成 -{"{"}zh-Hans:…;zh-Hant:…{"}"}-
markdown-not-inline = 这段文字只能是一段行内 Markdown，而这里出现了{ $what }
markdown-not-inline-hint = 请只写一段，其余内容放进正文（前置数据之后的文字）；要让一行以 Markdown 视为结构的字符开头，请在它前面加反斜杠：\- 或 1\.
markdown-second-paragraph = 第二段（空行之后）
markdown-heading = 标题（以 `#` 开头的行）
markdown-list = 列表（以 `-`、`*`、`+` 或 `1.` 开头的行）
markdown-block-quote = 引用块（以 `>` 开头的行）
markdown-code-block = 代码块（缩进四个空格的行，或 ``` 围起的代码）
markdown-table = 表格
markdown-html-block = HTML 块（以 HTML 标签开头的行）
markdown-block = 一个块
markdown-rule = 分隔线（`---`、`***`）
markdown-too-deep = 这里的文字嵌套超过了 { $depth } 层（引用、列表、强调或 HTML 元素层层相套）
markdown-too-deep-hint = 请关闭已打开的结构，或减少嵌套：没有页面需要这么深的嵌套

# (end of part A)

## Output, dev server, templates, lint findings, command-line parsing (part B)

### 字形检查的发现（`zhpress check`）

lint-script-slip = 「{ $context }」：`{ $suspect }` 在这里大概应为 `{ $correction }`
lint-script-slip-hint = 请写成 `{ $correction }`，或运行 `zhpress check --fix`；如果 `{ $suspect }` 是有意为之，请写成 -{"{"}{ $suspect }{"}"}- 或把它加入词汇表
lint-half-width-between = 「{ $context }」：中文字之间的半角 `{ $mark }` 在中文文本中应写成全角：`{ $correction }`
lint-half-width-around = 「{ $context }」：括住中文文字的半角 `{ $mark }` 在中文文本中应写成全角：`{ $correction }`
lint-half-width-hint = 请写成 `{ $correction }`，或运行 `zhpress check --fix`；如果半角的 `{ $mark }` 是有意为之，请写成 -{"{"}{ $mark }{"}"}-
lint-quote-unclosed = 「{ $context }」：`{ $mark }` 开启了引文，但引文始终没有闭合
lint-quote-unclosed-hint =
    在引文结束处（同一段内）写上{ $what ->
        [closing] 后引号
       *[other] 与之配对的引号
    } `{ $partner }`，或删去这个多余的引号；引号按 「」 『』 “” ‘’ 配对，不成对的引号在每种文字的版本中都按原样保留
lint-quote-unopened = 「{ $context }」：`{ $mark }` 闭合了引文，但引文从未开启
lint-quote-unopened-hint =
    在引文开始处（同一段内）写上{ $what ->
        [opening] 前引号
       *[other] 与之配对的引号
    } `{ $partner }`，或删去这个多余的引号；引号按 「」 『』 “” ‘’ 配对，不成对的引号在每种文字的版本中都按原样保留
lint-emphasis-literal = 「{ $context }」：`{ $marker }` 会按原样显示：Markdown 在这里找不到它要开始或结束的强调
lint-emphasis-literal-hint = 把标记紧贴在要强调的文字两侧，中间不留空格（`**重點**`）；一个词的两个字之间的 `_` 和 `__` 不会产生强调，请改用 `*` 或 `**`；如果就是要显示这些字符，请在每个字符前加反斜杠转义（`\*\*`）

### 构建写到哪里（`--output`）

write-output-empty = --output 为空
write-output-empty-hint = 请写明要构建到的文件夹，或不写 --output，构建到 <root>/output
write-output-elsewhere = 请构建到网站以外的地方：不写 --output 即构建到 { $default }，或指定一个新文件夹
write-output-is-site = --output { $output } 就是网站本身的文件夹（--root { $root }）：构建会替换其中的 site.toml、content/ 以及其他一切
write-output-holds-site = --output { $output } 包含了网站（--root { $root }，{ $site }）：构建会替换网站以及与它并列的一切
write-output-in-site-folder = --output { $output } 位于网站的 { $folder }/ 文件夹之内（--root { $root }，{ $path }）：构建会替换那里的内容
write-output-holds-cwd = --output { $output } 包含了运行这条命令的文件夹（{ $cwd }）：构建会替换它
write-output-is-file = --output { $output } 是一个文件，不是文件夹
write-output-is-file-hint = 请为网站指定一个文件夹：新的文件夹，或 zhpress 以前构建过的文件夹
write-output-foreign = --output { $output } 中已有不是 zhpress 生成的文件（{ $files }）；zhpress 只构建到空文件夹或它自己生成的文件夹（其中有 { $marker } 文件）
write-output-foreign-hint = 请指定一个新文件夹，或加 --force 构建到这个文件夹：网站不生成的文件原样保留，网站生成的文件被替换（zhpress 0.1 在有标记文件之前生成的输出中没有别的文件）
write-conflict-file-for-folder = { $path }/（网站要生成一个文件 { $path }）
write-conflict-different = { $path }（网站要生成另一个不同的 { $path }）
write-conflict-folder-for-file = { $path }（网站要生成一个文件夹 { $path }/，用于 { $inside }）
write-conflicts = 网站现在要生成的文件与 { $output } 中不是 zhpress 生成的文件冲突：{ $files }；没有写入任何文件
write-conflicts-hint = 请移走或删除你的文件（否则 zhpress 会保留它们）；如果网站的那个文件来自 static/，也可以从 static/ 中删去它；或加 --force，用网站的文件替换你的文件
write-first-few = { $names }……（共 { $count } 个）
write-stock-failed = 清点旧输出失败
write-output-not-folder = 输出路径已存在，但不是文件夹

### 开发服务器的终端输出（`zhpress serve`）

serve-serving = zhpress：网站在 { $url } 上提供（按 Ctrl+C 停止）
serve-serving-live = zhpress：网站在 { $url } 上提供，改动后自动刷新（按 Ctrl+C 停止）
serve-port-in-use = 端口 { $port } 已被占用；请用 --port N 指定其他端口，或用 --port 0 任选一个空闲端口
serve-bind-failed-hint = 请换一个 --bind 地址或 --port 端口
serve-cannot-listen = 无法在 { $bind }:{ $port } 上监听：{ $error }
serve-build-failed = zhpress：构建失败；仍在提供上一次成功构建的网站
serve-cannot-watch-site = 无法监视网站的改动：{ $error }
serve-cannot-watch = 无法监视改动：{ $error }
serve-rebuilt = zhpress：{ $what } → 改写了 { $rewritten } 个文件{ $removed }，用时 { $ms } 毫秒{ $first }
serve-rebuilt-removed = ，删除了 { $count } 个
serve-rebuilt-first = （其中它自己的页面在 { $ms } 毫秒后即已提供）
serve-changed-none = 重新构建
serve-changed-one = { $path } 有改动
serve-changed-many = { $path } 及另外 { $more } 个文件有改动

### 模板

render-template-failed = 模板在渲染{ $page }（{ $variant }）时出错：{ $error }
render-template-failed-hint = 请对照主题文档中说明的上下文（README「Themes」）检查变量名
render-template-compile = 模板无法编译：{ $error }
render-page-root = 根页面
render-page-sitemap = 站点地图
render-range-not-count = 函数 `range` 收到了 { $key }={ $value }，但 `{ $key }` 只能是 0 或更大的整数
render-range-no-end = 调用函数 `range` 时没有给出 `end` 参数
render-range-backwards = 调用函数 `range` 时 start={ $start } 大于 end={ $end }
render-range-too-long = range(start={ $start }, end={ $end }) 会生成 { $count } 个数；模板最多只能生成 { $most } 个
render-macro-of = { $template } 中的宏 `{ $name }`
render-recursion = 这里可能无休止地调用自身：{ $chain }；Tera 不设上限，所以渲染会崩溃（栈溢出），而不是停下来
render-recursion-hint = 出版物的数据中没有需要遍历的树：请不用调用自身的写法（改用对列表的 `for` 循环）
render-timeout = 模板渲染{ $page }已超过 { $seconds } 秒，很可能永远不会结束（是不是在一个巨大的范围上循环？）
render-timeout-hint = 请查找嵌套的循环；模板无法被中断，所以 zhpress 在这里停了下来。时间上限由 ZHPRESS_RENDER_TIMEOUT 设定（单位：秒）

### 转换、位置

opencc-system-cannot-load = 系统的 OpenCC 无法加载 { $path }：{ $error }
opencc-system-missing = { $path } 需要系统的 OpenCC，而这个 zhpress 在构建时没有包含它；请用 `cargo build --release --features opencc-rust` 构建（需要 libopencc-dev）
publish-conversion-failed = 无法加载 { $variant } 的转换：{ $error }
diagnostic-command-line = （命令行）

### clap 解析的命令行（英文时显示 clap 自己的措辞）

cli-default = {"["}默认值：{ $value }]
cli-possible-values = {"["}可选值：{ $values }]
cli-error-unknown-argument = 无法识别的参数 `{ $arg }`
cli-error-unknown-subcommand = 无法识别的子命令 `{ $subcommand }`
cli-error-value-required = `{ $arg }` 需要一个值，但没有给出
cli-error-invalid-value = `{ $arg }` 的值 `{ $value }` 无效
cli-error-invalid-value-because = `{ $arg }` 的值 `{ $value }` 无效：{ $reason }
cli-error-missing-arguments = 缺少以下必需的参数：
cli-error-missing-subcommand = `{ $command }` 需要一个子命令，但没有给出
cli-error-subcommands = {"["}子命令：{ $subcommands }]
cli-error-argument-repeated = 参数 `{ $arg }` 不能多次使用
cli-error-argument-conflict = 参数 `{ $arg }` 不能与 `{ $other }` 同时使用
cli-error-argument-conflict-many = 参数 `{ $arg }` 不能与以下参数同时使用：
cli-error-argument-conflict-others = 参数 `{ $arg }` 不能与已给出的其他参数同时使用
cli-error-too-many-values = `{ $arg }` 多出了一个值 `{ $value }`；它不接受更多的值
cli-error-invalid-utf8 = 参数中有无效的 UTF-8
cli-error-similar-subcommand = 有一个相近的子命令：`{ $subcommand }`
cli-error-similar-subcommands = 有几个相近的子命令：{ $subcommands }
cli-error-similar-argument = 有一个相近的参数：`{ $arg }`
cli-error-similar-value = 有一个相近的值：`{ $value }`
cli-error-tip = 提示
cli-error-tip-as-value = 要把 `{ $arg }` 当作值传入，请写 `{ $usage }`
cli-error-tip-exists = 有 `{ $command }` 这样的写法
cli-error-tip-double-dash = 子命令 `{ $subcommand }` 存在；要使用它，请去掉它前面的 `--`
cli-error-try-help = 更多信息请使用 `{ $help }`。
opencc-unknown-conversion = 未知的转换 `{ $name }`；已知的有：{ $known }
