/*
** messages_en.h — printf formats written in English in the code
** (diagnostics: the compiler's, the reader's, the VM's and the command
** line's), with their Chinese: EN(english, chinese); and plain texts written
** in English that are not formats (the compiler's hints): ENT(english,
** chinese).  Included by base/messages.c only.  Keep each format exactly as
** written at its call site; tests/messages/check_catalogue.py finds them
** there.
**
** The Chinese is what a performance evaluation officer reads: 规则文件 for
** a rubric file, 指标, 分值, 得分, 第 N 行; names the rubric language itself
** uses (item, section, input, split, opcode names) stay as written.
*/
#define RB_MESSAGES_EN(EN) \
  /* import, yajl, API */ \
  EN("%s: %s cannot be read from the archive (damaged?)", "%s：无法从压缩包中读取 %s（文件已损坏？）") \
  EN("%s: %s is larger than %d MB; not read", "%s：%s 大于 %d MB，未读取") \
  EN("%s: %s is not well-formed XML (line %lu: %s)", "%s：%s 不是格式正确的 XML（第 %lu 行：%s）") \
  EN("%s: .xls (Excel 97-2003) files are not read: open it in Excel or LibreOffice and save it as .xlsx (Excel Workbook), then import that", "%s：不读取 .xls（Excel 97-2003）文件：请用 Excel 或 LibreOffice 打开，另存为 .xlsx（Excel 工作簿）后再导入") \
  EN("%s: cannot open: %s", "%s：无法打开：%s") \
  EN("%s: cannot read it: %s", "%s：无法读取：%s") \
  EN("%s: cannot read", "%s：无法读取") \
  EN("%s: cannot run pdftotext: %s", "%s：无法运行 pdftotext：%s") \
  EN("%s: its text is not valid UTF-8 (a damaged file?)", "%s：其中的文字不是有效的 UTF-8（文件已损坏？）") \
  EN("%s: not UTF-8 text, and not GB18030 (GBK) either; save the text as UTF-8", "%s：既不是 UTF-8 文本，也不是 GB18030（GBK）文本；请将文字另存为 UTF-8 编码") \
  EN("%s: not a %s file (%s)", "%s：不是 %s 文件（%s）") \
  EN("%s: not a Word document (no word/document.xml)", "%s：不是 Word 文档（没有 word/document.xml）") \
  EN("%s: not a text file (it contains NUL bytes)", "%s：不是文本文件（含有 NUL 字节）") \
  EN("%s: not an Excel workbook (no xl/workbook.xml)", "%s：不是 Excel 工作簿（没有 xl/workbook.xml）") \
  EN("%s: pdftotext could not read this PDF (is it a PDF, and not damaged or encrypted?)", "%s：pdftotext 无法读取此 PDF（请确认它是 PDF 文件，且未损坏、未加密）") \
  EN("%s: reading a PDF needs pdftotext, which is not installed (Debian package poppler-utils: apt-get install poppler-utils); or import the text `pdftotext -layout` makes of it", "%s：读取 PDF 需要 pdftotext，但未安装（Debian 软件包 poppler-utils：apt-get install poppler-utils）；也可以导入 `pdftotext -layout` 从中提取的文字") \
  EN("%s: the PDF holds no text (are its pages scanned images?): run text recognition (OCR) on it, or import its text typed out", "%s：PDF 中没有文字（是否为扫描件，页面都是图片？）：请先进行文字识别（OCR），或导入录入的文字") \
  EN("%s: the workbook has no sheets", "%s：工作簿中没有工作表") \
  EN("%s, found %s", "%s，实为 %s") \
  EN("extra ',' before '%c'", "'%c' 之前多了一个 ','") \
  EN("nested too deeply (more than %d levels of arrays and objects)", "嵌套过深（数组和对象超过 %d 层）") \
  EN("\r%llu reports scored, %llu failed, %.0f reports/s ", "\r已评分 %llu 份，失败 %llu 份，每秒 %.0f 份 ") \
  EN(" (in %s)", "（位于 %s）") \
  EN(" [report %s]", "（报告 %s）") \
  EN("\"%s\" has more than %d digits: write a plain decimal such as 0.01", "“%s”超过 %d 位数字：请写普通小数，如 0.01") \
  EN("\"%s\" is not a plain decimal number of points, such as 0.01", "“%s”不是以分计的普通小数，如 0.01") \
  EN("%d files make %d reports: use --jsonl for one report per line", "%d 个文件生成 %d 份报告：请用 --jsonl 每行输出一份报告") \
  EN("%llu input file%s could not be read, or not to the end (named above)\n", "有 %llu 个输入文件%.0s无法读取或未能读完（见上文）\n") \
  EN("%llu file%s in the input folders not read (named above)\n", "输入文件夹中有 %llu 个文件%.0s未读取（见上文）\n") \
  EN("%llu published file%s imported; %llu import note%s in %llu report%s (findings of their reports)\n", "导入已公开文件 %llu 个%.0s；%llu 条导入说明%.0s，涉及 %llu 份报告%.0s（列为这些报告的发现）\n") \
  EN("%llu report%s with an id already used earlier in the batch (named above)\n", "有 %llu 份报告%.0s的编号在本批前面已用过（见上文）\n") \
  EN("%s cannot compare money with other numbers", "%s 不能将金额与其他数比较") \
  EN("%s compares %s with %s", "%s 比较的是 %s 与 %s") \
  EN("%s falls in no range of the step table", "%s 不在 step 表的任何区间内") \
  EN("%s has no field %s", "%s 没有字段 %s") \
  EN("%s has no field '%s'", "%s 没有字段「%s」") \
  EN("%s is %s, not %s", "%s 是 %s，不是 %s") \
  EN("%s is declared here", "%s 在此声明") \
  EN("%s is larger than %d MiB", "%s 大于 %d MiB") \
  EN("%s is larger than %zu MiB", "%s 大于 %zu MiB") \
  EN("%s is larger than %zu bytes", "%s 大于 %zu 字节") \
  EN("%s must be %s, not %s", "%s必须是 %s，不能是 %s") \
  EN("%s needs a number or a value read from the report, not %s", "%s 需要数或从报告读取的值，不能是 %s") \
  EN("%s needs numbers, not %s", "%s 需要数，不能是 %s") \
  EN("%s needs text, not %s", "%s 需要文字，不能是 %s") \
  EN("%s takes %d argument%s, not %d", "%s 接受 %d 个参数%.0s，不是 %d 个") \
  EN("%s takes %d to %d arguments, not %d", "%s 接受 %d 至 %d 个参数，不是 %d 个") \
  EN("%s%llu reports read, %llu scored, %llu failed, %llu challenged in %.2f s (%.0f reports/s)\n", "%s读取报告 %llu 份，评分 %llu 份，失败 %llu 份，存疑 %llu 份，用时 %.2f 秒（每秒 %.0f 份）\n") \
  EN("%s: %d error%s in the rubric", "%s：规则文件有 %d 个错误%.0s") \
  EN("%s: %d error%s, %d warning%s\n", "%s：%d 个错误%.0s，%d 个警告%.0s\n") \
  EN("%s: %d error%s; nothing written\n", "%s：%d 个错误%.0s；未写出任何文件\n") \
  EN("%s: %s is not a number", "%s：%s 不是数") \
  EN("%s: %zu import note%s (findings of the report; `rubric import` prints them)", "%s：%zu 条导入说明%.0s（报告的发现；`rubric import` 可列出）") \
  EN("%s: %zu import note%s, shown as findings (`rubric import %s` prints them)", "%s：%zu 条导入说明%.0s，已列为发现（`rubric import %s` 可列出）") \
  EN("%s: argument %d is missing", "%s：缺少第 %d 个参数") \
  EN("%s: argument %d must be a number, not %s", "%s：第 %d 个参数必须是数，不能是 %s") \
  EN("%s: empty, but the row has a target", "%s：为空，但该行有年度指标值") \
  EN("%s: expected %s, got %s", "%s：应为 %s，实为 %s") \
  EN("%s: expected %s, got no '%s' in %s (there are: %s)", "%1$s：应为 %2$s，但 %4$s 中没有「%3$s」（现有：%5$s）") \
  EN("%s: expected %s, got no score", "%s：应为 %s，但没有得分") \
  EN("%s: expected a .txt (text extracted from a PDF), a .pdf, an .xlsx or a .docx file", "%s：应为 .txt（从 PDF 提取的文字）、.pdf、.xlsx 或 .docx 文件") \
  EN("%s: expected a number, found \"%s\"", "%s：应为数，实为“%s”") \
  EN("%s: expected none, got [%s] %s%s%s", "%s：应无，实有 [%s] %s%s%s") \
  EN("%s: expected one, got %u %s finding%s naming other things, as: %s", "%s：应有一条，实有 %u 条指向其他内容的 %s 发现%.0s，如：%s") \
  EN("%s: expected one, got no %s finding (%u findings of other kinds)", "%s：应有一条，但没有 %s 发现（其他种类的发现 %u 条）") \
  EN("%s: must not be negative", "%s：不能为负") \
  EN("%s: not a valid compiled rubric: %s", "%s：不是有效的已编译规则文件：%s") \
  EN("%s: not read: %s", "%s：未读取：%s") \
  EN("%s: number out of range: %s (a number may have at most %d characters and an exponent within ±%d)", "%s：数超出范围：%s（数最多 %d 个字符，指数在 ±%d 以内）") \
  EN("%s: ok%s", "%s：通过%s") \
  EN("%s: out of memory", "%s：内存不足") \
  EN("%s: out of memory\n", "%s：内存不足\n") \
  EN("%s: report id \"%s\" appears again in this batch", "%s：报告编号“%s”在本批中重复出现") \
  EN("%s: the rubric compiled for coverage does not compile:\n", "%s：为统计覆盖率编译的规则文件无法编译：\n") \
  EN("%s: the rubric does not compile (%d error%s)\n", "%s：规则文件无法编译（%d 个错误%.0s）\n") \
  EN("%s: the tier is 1 (达成), 2 (部分达成) or 3 (未达成), not %s", "%s：档次是 1（达成）、2（部分达成）或 3（未达成），不能是 %s") \
  EN("%s: the variant is 60 (80/60 bands) or 50 (80/50 bands)", "%s：方案是 60（80/60 分档）或 50（80/50 分档）") \
  EN("%s: too large to read (over 2 GiB)", "%s：文件太大，无法读取（超过 2 GiB）") \
  EN("%s: unknown report format: expected a .json file (report format v1) or a .csv file (an indicator table)", "%s：未知的报告格式：应为 .json 文件（报告格式 v1）或 .csv 文件（指标表）") \
  EN("%s:%d:%d: invalid JSON: %s", "%s:%d:%d: JSON 格式错误：%s") \
  EN("%s:%ld: report id \"%s\" appears again in this batch", "%s:%ld: 报告编号“%s”在本批中重复出现") \
  EN("%s:%u: \"%s\": the rubric does not compile (%d error%s)\n", "%s:%u: “%s”：规则文件无法编译（%d 个错误%.0s）\n") \
  EN("%serror: %s", "%s错误：%s") \
  EN("%u passed, %u failed\n", "通过 %u 项，失败 %u 项\n") \
  EN("'%s' can only be used in an item's score", "「%s」只能用在 item 的得分中") \
  EN("'%s' is a function", "「%s」是函数") \
  EN("'%s' is declared twice", "「%s」声明了两次") \
  EN("'%s' is declared twice in the same section", "「%s」在同一 section 中声明了两次") \
  EN("'%s' is not a C symbol name", "「%s」不是 C 符号名") \
  EN("'%s' is not a function", "「%s」不是函数") \
  EN("'%s' is the name of a built-in function", "「%s」是内置函数的名称") \
  EN("'%s' weighs %s", "「%s」的分值为 %s") \
  EN(", %d warning%s\n", "，%d 个警告%.0s\n") \
  EN("--format %s needs an output file: -o FILE.%s (%s)", "--format %s 需要输出文件：-o 文件.%s（%s）") \
  EN("--format xlsx writes an Excel workbook, not text for a terminal: give an output file, -o FILE.xlsx", "--format xlsx 写出的是 Excel 工作簿，不是终端文字：请给出输出文件，-o 文件.xlsx") \
  EN("--lang: \"%s\" is not a language rubric speaks (zh or en)", "--lang：rubric 不支持语言“%s”（zh 或 en）") \
  EN("--min-coverage: \"%s\" is not a percentage from 0 to 100", "--min-coverage：“%s”不是 0 至 100 的百分数") \
  EN("--tolerance: %s", "--tolerance：%s") \
  EN("--year needs a year from 1 to 9999", "--year 需要 1 至 9999 的年份") \
  EN("-j needs a number of threads from 1 to 256", "-j 需要 1 至 256 的线程数") \
  EN("-o is for --format xlsx; text, json and markdown go to standard output", "-o 用于 --format xlsx；text、json 和 markdown 输出到标准输出") \
  EN("-w needs files to rewrite", "-w 需要指定要改写的文件") \
  EN("ITEM_END without an open item", "ITEM_END 之前没有打开的 item") \
  EN("NODE_END without an open section", "NODE_END 之前没有打开的 section") \
  EN("a %s has the fields %s", "%s 的字段有 %s") \
  EN("a NUL byte: this is not a text file", "含 NUL 字节：这不是文本文件") \
  EN("a check's condition must be true or false", "check 的条件必须是真或假") \
  EN("a condition must be true or false, not %s", "条件必须是真或假，不能是 %s") \
  EN("a constant cannot call '%s', which reads the report's inputs", "常量不能调用「%s」，它读取报告的输入") \
  EN("a constant cannot read the input '%s'", "常量不能读取输入「%s」") \
  EN("a constant cannot use let, in […] or sum(… for …)", "常量不能使用 let、in […] 或 sum(… for …)") \
  EN("a default must be written out as a number, a text, true/false or a date", "默认值必须直接写成数、文字、true/false 或日期") \
  EN("a fact is a number, an amount, a percentage, a yes/no, a text or a date", "fact 是数、金额、百分数、是/否、文字或日期") \
  EN("a fact needs a name", "fact 需要名称") \
  EN("a function cannot call itself: '%s' is known only after its declaration", "函数不能调用自身：「%s」在其声明之后才可用") \
  EN("a list holds numbers, not %s", "列表只能存放数，不能是 %s") \
  EN("a native function cannot return '%s'", "native 函数不能返回「%s」") \
  EN("a native function takes at most %d parameters", "native 函数最多接受 %d 个参数") \
  EN("a number here would have more than %d digits, the limit of exact arithmetic", "此处的数将超过 %d 位，超出精确运算的上限") \
  EN("a path could not be read", "有路径无法读取") \
  EN("a section can generate its items only once", "一个 section 只能生成一次 item") \
  EN("a section with generated items cannot also have items or sections of its own", "生成 item 的 section 不能再有自己的 item 或 section") \
  EN("a step bound must be a number, a percentage or an amount", "step 的界值必须是数、百分数或金额") \
  EN("a step table looks up a number, not %s", "step 表查找的是数，不能是 %s") \
  EN("a table cannot have a default", "表不能有默认值") \
  EN("a test reads one report; this is its second", "一个测试只读取一份报告；这是第二份") \
  EN("a tolerance has fewer than 19 digits and at most 18 places", "容差少于 19 位数字，最多 18 位小数") \
  EN("a weight must be a number", "分值必须是数") \
  EN("an item's score must be a number, not %s", "item 的得分必须是数，不能是 %s") \
  EN("append adds to a list, not to %s", "append 只能添加到列表，不能添加到 %s") \
  EN("argument %d of %s must be %s, not %s", "%2$s 的第 %1$d 个参数必须是 %3$s，不能是 %4$s") \
  EN("argument %d of native %s must be %s, not %s", "native %2$s 的第 %1$d 个参数必须是 %3$s，不能是 %4$s") \
  EN("arithmetic needs numbers, not %s and %s", "算术运算需要数，不能是 %s 和 %s") \
  EN("bad missing-value policy", "缺失值处理方式有误") \
  EN("can only add up numbers, not %s", "只能对数求和，不能是 %s") \
  EN("can only go through a table, not %s", "只能遍历表，不能是 %s") \
  EN("cannot %s %s and %s", "不能将 %2$s 与 %3$s %1$s") \
  EN("cannot add or subtract money and a %s", "不能将金额与 %s 相加或相减") \
  EN("cannot compare %s with %s", "不能比较 %s 与 %s") \
  EN("cannot compare a percentage with a plain number", "不能将百分数与普通数比较") \
  EN("cannot compare money with a %s", "不能将金额与 %s 比较") \
  EN("cannot divide %s by money", "不能用金额除 %s") \
  EN("cannot divide a number by money", "不能用金额除数") \
  EN("cannot import %s: %s", "无法导入 %s：%s") \
  EN("cannot import %s: it is not a .rubric file", "无法导入 %s：它不是 .rubric 文件") \
  EN("cannot import %s: it is outside %s", "无法导入 %s：它在 %s 之外") \
  EN("cannot make a temporary folder for the workbook: %s", "无法为工作簿创建临时文件夹：%s") \
  EN("cannot mix %s and %s in %s", "%3$s 中不能混用 %1$s 和 %2$s") \
  EN("cannot multiply money by money", "金额不能乘以金额") \
  EN("cannot negate %s", "不能对 %s 取负") \
  EN("cannot open %s: %s", "无法打开 %s：%s") \
  EN("cannot order %s and %s", "无法比较 %s 和 %s 的大小") \
  EN("cannot read %s after line %ld: %s", "无法读取 %s 第 %ld 行之后的内容：%s") \
  EN("cannot read %s: %s", "无法读取 %s：%s") \
  EN("cannot read back %s: %s", "无法读回 %s：%s") \
  EN("cannot read standard input", "无法读取标准输入") \
  EN("cannot read the directory %s: %s", "无法读取文件夹 %s：%s") \
  EN("cannot register %s: %s", "无法注册 %s：%s") \
  EN("cannot split a weight into that many shares", "分值不能分成这么多份") \
  EN("cannot start thread %d", "无法启动第 %d 个线程") \
  EN("cannot write %s", "无法写入 %s") \
  EN("cannot write %s: %s", "无法写入 %s：%s") \
  /* base/dynlib.c: a library loaded when first needed */ \
  EN("%s (Debian package %s: apt-get install %s) cannot be loaded: %s", "无法加载 %s（Debian 软件包 %s：apt-get install %s）：%s") \
  EN("%s cannot be loaded: %s", "无法加载 %s：%s") \
  EN("cannot write standard output", "无法写出标准输出") \
  EN("cannot write standard output: %s", "无法写出标准输出：%s") \
  EN("cannot write the output", "无法写出输出") \
  EN("check %s: expected %s, got %s%s%s", "check %s：应为 %s，实为 %s%s%s") \
  EN("check %s: expected it to be %s, got no such check", "check %s：应为 %s，但没有这项检查") \
  EN("columns \"%s\" and \"%.*s\" both give %s", "列“%s”和“%.*s”都给出了%s") \
  EN("declared here", "在此声明") \
  EN("did you mean '%s'?", "您是否想写「%s」？") \
  EN("division by zero", "除数为零") \
  EN("each goes through the indicator table, not %s", "each 遍历的是指标表，不能是 %s") \
  EN("else follows split by_row only", "else 只能跟在 split by_row 之后") \
  EN("error \"%s\": expected an error saying so, got: %s", "error “%s”：应有这样的错误，实为：%s") \
  EN("error \"%s\": expected the report to be refused, got it scored (total %s)", "error “%s”：应拒绝该报告，实际已评分（总分 %s）") \
  EN("execution_rate: the budget is %s; a rate needs a budget above 0", "execution_rate：预算为 %s；计算执行率需要预算大于 0") \
  EN("expected %s, found %s", "应为%s，实为%s") \
  EN("file is not UTF-8", "文件不是 UTF-8 编码") \
  EN("file is not UTF-8, and not GB18030 (GBK) either", "文件不是 UTF-8 编码，也不是 GB18030（GBK）") \
  EN("file is not UTF-8, and this system cannot convert GB18030 (GBK)", "文件不是 UTF-8 编码，本系统也无法转换 GB18030（GBK）") \
  EN("file is not UTF-8; read as GB18030 (GBK)", "文件不是 UTF-8 编码；已按 GB18030（GBK）读取") \
  EN("first declared here", "首次在此声明") \
  EN("first said here", "首次在此写出") \
  EN("fixed formats a number, not %s", "fixed 格式化的是数，不能是 %s") \
  EN("fixed: places must be a whole number from 0 to %d", "fixed：位数必须是 0 至 %d 的整数") \
  EN("functions call each other too deeply", "函数相互调用层次过深") \
  EN("generated items need a table row, not %s", "生成的 item 需要表中的一行，不能是 %s") \
  EN("grade '%s' needs a minimum: %s >= N", "等级「%s」需要下限：%s >= N") \
  EN("grade '%s' starts at %s, not below '%s' at %s", "等级「%1$s」从 %2$s 起，不低于从 %4$s 起的「%3$s」") \
  EN("grade: expected %s, got %s", "等级：应为 %s，实为 %s") \
  EN("import cycle: %s imports itself through this import", "循环导入：%s 通过此 import 导入了自己") \
  EN("imports are nested more than %d deep", "import 嵌套超过 %d 层") \
  EN("input '%s' is never used", "输入「%s」从未使用") \
  EN("input '%s' needs a report: run the rubric with a report file", "输入「%s」需要报告：请带报告文件运行规则") \
  EN("internal error: the compiled program failed verification: %s", "内部错误：编译出的程序未通过校验：%s") \
  EN("invalid instruction", "无效指令") \
  EN("items can only be generated inside a section", "只能在 section 内生成 item") \
  EN("items open only in the main program, one at a time", "item 只能在主程序中打开，一次一个") \
  EN("len needs a text or a table, not %s", "len 需要文字或表，不能是 %s") \
  EN("list index out of range", "列表下标超出范围") \
  EN("malformed CSV: a quote inside an unquoted cell, or text after a closing quote", "CSV 格式错误：未加引号的单元格中有引号，或闭合引号后还有文字") \
  EN("malformed CSV: a quoted cell is not closed", "CSV 格式错误：加引号的单元格没有闭合") \
  EN("missing required column %s in the header row", "表头行缺少必需的列 %s") \
  EN("missing required member", "缺少必需的成员") \
  EN("must name at least one node of the rubric tree", "必须至少指明规则树的一个节点") \
  EN("must not be empty", "不能为空") \
  EN("must not be negative", "不能为负") \
  EN("na() can only be an item's score", "na() 只能作为 item 的得分") \
  EN("native function '%s' (from %s) is not allowed: native code is off by default; allow it with --allow-native %s", "native 函数「%s」（来自 %s）未获允许：native 代码默认关闭；请用 --allow-native %s 允许") \
  EN("native function '%s' returned %s, not a number", "native 函数「%s」返回了 %s，不是数") \
  EN("native function '%s' returned a day outside the years 1 to 9999", "native 函数「%s」返回的日期不在 1 至 9999 年之间") \
  EN("native function '%s': %s", "native 函数「%s」：%s") \
  EN("native function '%s': argument %d is missing", "native 函数「%s」：缺少第 %d 个参数") \
  EN("native function '%s': argument %d must be a date", "native 函数「%s」：第 %d 个参数必须是日期") \
  EN("native function '%s': argument %d must be a list of numbers", "native 函数「%s」：第 %d 个参数必须是数的列表") \
  EN("native function '%s': argument %d must be a number", "native 函数「%s」：第 %d 个参数必须是数") \
  EN("native function '%s': argument %d must be a whole number that fits in 64 bits, not %s", "native 函数「%s」：第 %d 个参数必须是 64 位以内的整数，不能是 %s") \
  EN("native function '%s': argument %d must be text", "native 函数「%s」：第 %d 个参数必须是文字") \
  EN("native function '%s': argument %d must be true or false", "native 函数「%s」：第 %d 个参数必须是真或假") \
  EN("native function '%s': bad parameter type", "native 函数「%s」：参数类型有误") \
  EN("native function '%s': element %u of argument %d is not a number", "native 函数「%1$s」：第 %3$d 个参数的第 %2$u 个元素不是数") \
  EN("no header row: the file has no cells", "没有表头行：文件中没有单元格") \
  EN("no range covers values %s %s", "没有区间覆盖%s %s 的值") \
  EN("no range covers values from %s to %s", "没有区间覆盖从 %s 到 %s 的值") \
  EN("not UTF-8 text, and not GB18030 (GBK) either; save the table as CSV UTF-8", "不是 UTF-8 文本，也不是 GB18030（GBK）；请将表格另存为 CSV UTF-8") \
  EN("not UTF-8 text, and this system cannot convert GB18030 (GBK); save the table as CSV UTF-8", "不是 UTF-8 文本，本系统也无法转换 GB18030（GBK）；请将表格另存为 CSV UTF-8") \
  EN("not needs true or false, not %s", "not 需要真或假，不能是 %s") \
  EN("number out of range: %s (a number may have at most %d characters and an exponent within ±%d)", "数超出范围：%s（数最多 %d 个字符，指数在 ±%d 以内）") \
  EN("one report and one path at a time", "一次只能一份报告和一个路径") \
  EN("one rubric at a time", "一次只能一个规则文件") \
  EN("only by_row takes a mode, not %s", "只有 by_row 可以带方式，%s 不可以") \
  EN("only section, item, each and check can appear inside a section", "section 内只能出现 section、item、each 和 check") \
  EN("only the main program can open sections, and not inside an item", "只有主程序能打开 section，且不能在 item 内") \
  EN("out of memory", "内存不足") \
  EN("out of memory allowing %s", "允许 %s 时内存不足") \
  EN("out of memory compiling %s", "编译 %s 时内存不足") \
  EN("out of memory reading %s", "读取 %s 时内存不足") \
  EN("out of memory registering %s", "注册 %s 时内存不足") \
  EN("out of memory writing %s", "写入 %s 时内存不足") \
  EN("out of stack", "栈空间不足") \
  EN("parameter '%s' is named twice", "参数「%s」重名") \
  EN("parameter '%s' of a native function needs a type", "native 函数的参数「%s」需要类型") \
  EN("places must be a whole number from -%d to %d", "位数必须是 -%d 至 %d 的整数") \
  EN("places must be a whole number up to %d", "位数必须是不超过 %d 的整数") \
  EN("plain needs text, not %s", "plain 需要文字，不能是 %s") \
  EN("ratio: division by zero (%s / %s)", "ratio：除数为零（%s / %s）") \
  EN("report %s: %s: %s", "报告 %s：%s：%s") \
  EN("report id \"%s\" appears again in this batch", "报告编号“%s”在本批中重复出现") \
  EN("round needs a number, not %s", "round 需要数，不能是 %s") \
  EN("round_as needs numbers, not %s", "round_as 需要数，不能是 %s") \
  EN("round_as: %s has no finite number of decimal places", "round_as：%s 的小数位数不是有限的") \
  EN("rubric test: cannot read %s: %s\n", "rubric test: 无法读取 %s：%s\n") \
  EN("split by_row needs a list of rows and a weight", "split by_row 需要行的列表和分值") \
  EN("split by_row needs indicator rows", "split by_row 需要指标行") \
  EN("step looks up %s in ranges of %s", "step 在 %2$s 的区间中查找 %1$s") \
  EN("step looks up a number, not %s", "step 查找的是数，不能是 %s") \
  EN("stopped after %llu reports in input order%s\n", "按输入顺序处理 %llu 份报告后停止%s\n") \
  EN("text \"%s\"", "文字“%s”") \
  EN("text contains a NUL character (\\u0000)", "文字中含有 NUL 字符（\\u0000）") \
  EN("the branches of this if give %s and %s", "此 if 的两个分支分别得出 %s 和 %s") \
  EN("the default is %s but the input is %s", "默认值是 %s，但输入是 %s") \
  EN("the exact numbers of this report would take more than %d MiB, the limit for one report", "此报告的精确数值将占用超过 %d MiB，超出单份报告的上限") \
  EN("the file contains a NUL byte", "文件含有 NUL 字节") \
  EN("the item's score could not be computed: a value it uses is missing", "无法计算该 item 的得分：所用的值缺失") \
  EN("the iteration's position is not a number: no ITER_START began this iteration", "迭代位置不是数：此迭代没有以 ITER_START 开始") \
  EN("the iteration's sequence is %s, not a table or a list: no ITER_START began this iteration", "迭代的序列是 %s，不是表或列表：此迭代没有以 ITER_START 开始") \
  EN("the kind of a finding must be written as text", "发现的种类必须写成文字") \
  EN("the last grade needs no minimum", "最后一个等级不需要下限") \
  EN("the number %.*s", "数 %.*s") \
  EN("the places of fixed must be written out", "fixed 的位数必须直接写出") \
  EN("the points of a step must be a number written out", "step 的分数必须是直接写出的数") \
  EN("the points of a step must be a number, not %s", "step 的分数必须是数，不能是 %s") \
  EN("the program ended with a section or item still open", "程序结束时仍有 section 或 item 未关闭") \
  EN("the program needs more stack than the VM has", "程序所需的栈超过虚拟机的容量") \
  EN("the report has no %s (input '%s'), and the rubric says it is required", "报告没有 %s（输入「%s」），而规则要求必须有") \
  EN("the report has no fact \"%s\" (input '%s'), and the rubric says it is required", "报告没有 fact“%s”（输入「%s」），而规则要求必须有") \
  EN("the report was not scored: %s", "报告未评分：%s") \
  EN("the report's fact \"%s\" does not fit input '%s': %s", "报告的 fact“%s”不符合输入「%s」：%s") \
  EN("the rows' published weights (分值) add up to %s, but the rubric gives %s", "各行所列分值合计 %s，但规则给出的是 %s") \
  EN("the rows' published weights (分值) add up to 0 and cannot be rescaled to %s", "各行所列分值合计为 0，无法按比例调整为 %s") \
  EN("the rubric ran more than %llu instructions on one report", "规则在一份报告上执行了超过 %llu 条指令") \
  EN("the rubric says this twice", "规则文件把这一项写了两次") \
  EN("the same path as $.self_scores[%zu]", "与 $.self_scores[%zu] 路径相同") \
  EN("the top-level weights add up to %s, but the total is %s", "顶层分值合计 %s，但总分为 %s") \
  EN("the total must be more than 0", "总分必须大于 0") \
  EN("the weights inside %s '%s' add up to %s, but its weight is %s", "%s「%s」内的分值合计 %s，但其分值为 %s") \
  EN("this bound is %s but earlier bounds are %s", "此界值是 %s，但前面的界值是 %s") \
  EN("this is not an expression", "这不是表达式") \
  EN("this operator needs numbers, not %s and %s", "此运算符需要数，不能是 %s 和 %s") \
  EN("this range is empty: no value can fall in it", "此区间为空：没有值能落入其中") \
  EN("this range overlaps an earlier one at %s", "此区间与前面的区间在 %s 处重叠") \
  EN("this range overlaps an earlier one below %s", "此区间与前面的区间在 %s 以下重叠") \
  EN("this step table has %u ranges; the limit is %d", "此 step 表有 %u 个区间；上限为 %d") \
  EN("too many arguments (the limit is %d)", "参数过多（上限为 %d）") \
  EN("too many choices after in (the limit is %d)", "in 之后的选项过多（上限为 %d）") \
  EN("too many inputs", "输入过多") \
  EN("too many local names in one function (the limit is %d)", "一个函数中的局部名称过多（上限为 %d）") \
  EN("too many native functions", "native 函数过多") \
  EN("unexpected %s", "不应出现 %s") \
  EN("unknown %s '%s'", "未知的%s「%s」") \
  EN("unknown built-in function %d", "未知的内置函数 %d") \
  EN("unknown command '%s'", "未知的命令「%s」") \
  EN("unknown format %s (csv, jsonl, html, xlsx or sqlite)", "未知的格式 %s（csv、jsonl、html、xlsx 或 sqlite）") \
  EN("unknown format %s (text or json)", "未知的格式 %s（text 或 json）") \
  EN("unknown format %s (text, json, markdown, html or xlsx)", "未知的格式 %s（text、json、markdown、html 或 xlsx）") \
  EN("unknown library '%s'", "未知的库「%s」") \
  EN("unknown missing-value policy '%s'", "未知的缺失值处理方式「%s」") \
  EN("unknown native type '%s'", "未知的 native 类型「%s」") \
  EN("unknown option %s", "未知的选项 %s") \
  EN("unknown report value '%s'", "未知的报告数据项「%s」") \
  EN("unknown rounding mode '%s'", "未知的取舍方式「%s」") \
  EN("unknown rounding place '%s'", "未知的取舍位置「%s」") \
  EN("unknown row-weight mode '%s'", "未知的行分值方式「%s」") \
  EN("unknown split policy '%s'", "未知的分配方式「%s」") \
  EN("unknown type '%s'", "未知的类型「%s」") \
  EN("write the percentage with its sign: %s%%", "请带百分号写出百分数：%s%%") \
  /* bytecode, native, LSP, coverage */ \
  EN("native function '%s' calls into %s; native code is off by default: allow it with --allow-native %s (or --allow-native=all)", "native 函数「%s」要调用 %s 中的代码；native 代码默认不允许运行：请用 --allow-native %s（或 --allow-native=all）允许") \
  EN("native function '%s' is declared %s but the host registered it as %s", "native 函数「%s」声明为 %s，但宿主程序注册的是 %s") \
  EN("native function '%s' is to come from the host program, which registers no function of that name", "native 函数「%s」应由宿主程序提供，但宿主程序没有注册这个名称的函数") \
  EN("native function '%s': %s has no function named %s", "native 函数「%s」：%s 中没有名为 %s 的函数") \
  EN("native function '%s': %s is not defined in %s itself (it comes from %s), and only the allowed library's own functions may be called", "native 函数「%s」：%s 不是 %s 自身定义的（它来自 %s），只能调用所允许的库自身的函数") \
  EN("native function '%s': cannot load %s: %s", "native 函数「%s」：无法加载 %s：%s") \
  EN("native function '%s': libffi cannot prepare a call with types %s", "native 函数「%s」：libffi 无法按类型 %s 准备调用") \
  EN("rounding 'where' bits 0x%02x at offset %zu include unknown bits", "取舍的 where 位 0x%02x（偏移 %zu）含有未知的位") \
  EN("  %s:%u:%u: %s never reached\n", "  %s:%u:%u：没有测试执行到 %s\n") \
  EN("%s takes %u arguments, not %u", "%s 接受 %u 个参数，不是 %u 个") \
  EN("%s takes %u to %u arguments, not %u", "%s 接受 %u 至 %u 个参数，不是 %u 个") \
  EN("%zu byte%s of trailing garbage after the last section, at offset %llu", "最后一段之后多出 %zu 个字节%.0s（偏移 %llu）") \
  EN("**%s** (built-in): %s", "**%s**（内置函数）：%s") \
  EN("**check** %s — does not change the score; ✓ holds, ✗ fails, ? not evaluable", "**check** %s — 不影响得分；✓ 通过，✗ 未通过，? 无法判断") \
  EN("**each** — its items share the weight of %s:\n```rubric\n%s\n```", "**each** — 生成的各 item 分配 %s 的分值：\n```rubric\n%s\n```") \
  EN("**item** %s — weight **%s** points (written %s)", "**item** %s — 分值 **%s** 分（原文写作 %s）") \
  EN("**item** %s — weight **%s** points", "**item** %s — 分值 **%s** 分") \
  EN("**section** %s — weight **%s** points (written %s)", "**section** %s — 分值 **%s** 分（原文写作 %s）") \
  EN("**section** %s — weight **%s** points", "**section** %s — 分值 **%s** 分") \
  EN("\n\nshares for the sample report %s:\n", "\n\n样例报告 %s 各行分得的分值：\n") \
  EN("\n\nthe sample report cannot be read: %s", "\n\n无法读取样例报告：%s") \
  EN("\n\nthe sample report fails: %s", "\n\n样例报告运行失败：%s") \
  EN("checksum mismatch: the file is corrupt (stored 0x%08x, computed 0x%08x)", "校验和不符：文件已损坏（文件中记录 0x%08x，实际计算 0x%08x）") \
  EN("closes the %s opened at %04u", "关闭的是 %s（在 %04u 处打开）") \
  EN("constant %u at offset %zu has an unknown type %u", "常量 %u（偏移 %zu）的类型 %u 未知") \
  EN("constant %u at offset %zu has an unknown unit %u", "常量 %u（偏移 %zu）的单位 %u 未知") \
  EN("constant %u at offset %zu is a date outside the years 1 to 9999", "常量 %u（偏移 %zu）是 1 年至 9999 年以外的日期") \
  EN("constant %u has an unknown type", "常量 %u 的类型未知") \
  EN("constant %u has an unknown unit", "常量 %u 的单位未知") \
  EN("constant %u is a date outside the years 1 to 9999", "常量 %u 是 1 年至 9999 年以外的日期") \
  EN("constant %u is a step table without ranges (NULL)", "常量 %u 是没有区间的 step 表（NULL）") \
  EN("constant %u is a set of texts without its texts (NULL)", "常量 %u 是没有文字的文字集合（NULL）") \
  EN("constant %u is a step table, not a value", "常量 %u 是 step 表，不是值") \
  EN("constant %u is a text without characters (NULL)", "常量 %u 是没有字符的文字（NULL）") \
  EN("constant %u is not a step table", "常量 %u 不是 step 表") \
  EN("constant %u is a set of texts, not a value", "常量 %u 是文字集合，不是值") \
  EN("constant %u is not a set of texts", "常量 %u 不是文字集合") \
  EN("constant %u is not a text", "常量 %u 不是文字") \
  EN("constant %u is not a number", "常量 %u 不是数") \
  EN("built-in %s is not a text test (starts_with or contains)", "内置函数 %s 不是文字检验（starts_with 或 contains）") \
  EN("cannot write the database (%s): %s", "无法写入数据库（%s）：%s") \
  EN("cannot start the Excel file %s", "无法创建 Excel 文件 %s") \
  EN("cannot write the Excel file: %s", "无法写入 Excel 文件：%s") \
  EN("constant %u is not a text (a name)", "常量 %u 不是文字（名称）") \
  EN("constant %u out of range (%u constants)", "常量 %u 超出范围（共 %u 个常量）") \
  EN("control runs off the end of the function", "执行越过了函数末尾") \
  EN("coverage %s: %u of %u points (%.1f%%)\n", "覆盖率 %s：已执行 %u 个覆盖点，共 %u 个（%.1f%%）\n") \
  EN("coverage of %s is %.1f%%, below the floor of %g%%\n", "%s 的覆盖率为 %.1f%%，低于下限 %g%%\n") \
  EN("coverage: %u of %u points in %u file%s (%.1f%%)\n", "覆盖率：已执行 %u 个覆盖点，共 %u 个，涉及 %u 个文件%.0s（%.1f%%）\n") \
  EN("debug entry %u (code offset %u) has a path that is not a text constant", "调试条目 %u（代码偏移 %u）的路径不是文字常量") \
  EN("debug entry %u (code offset %u) has a span that ends before it starts", "调试条目 %u（代码偏移 %u）的范围终点在起点之前") \
  EN("debug entry %u (code offset %u) is out of order or past the end of the code", "调试条目 %u（代码偏移 %u）顺序错乱或超出代码末尾") \
  EN("debug entry %u (code offset %u) names a source file that is not in the file list", "调试条目 %u（代码偏移 %u）指向的源文件不在文件列表中") \
  EN("debug entry %u at offset %zu has a span that ends before it starts", "调试条目 %u（偏移 %zu）的范围终点在起点之前") \
  EN("debug entry %u at offset %zu has code offset %u, out of order or past the code", "调试条目 %u（偏移 %zu）的代码偏移为 %u，顺序错乱或超出代码末尾") \
  EN("debug entry %u at offset %zu has path %u, which is not a text constant", "调试条目 %u（偏移 %zu）的路径 %u 不是文字常量") \
  EN("debug entry %u at offset %zu names file %u, but there are %u files", "调试条目 %u（偏移 %zu）指向文件 %u，但只有 %u 个文件") \
  EN("does not close the %s opened at %04u", "没有关闭 %s（在 %04u 处打开）") \
  EN("each %s (no test gave it a row)", "each %s（没有测试为它提供指标行）") \
  EN("function %s at %04u (%s): ", "函数 %s 偏移 %04u 处（%s）：") \
  EN("function %s: arity %u, %u locals, code %u..+%u of %u: inconsistent", "函数 %s：参数 %u 个，局部变量 %u 个，代码 %u..+%u（共 %u 字节）：互相矛盾") \
  EN("function %u at offset %zu covers code %u..%llu, outside the %u bytes of code", "函数 %u（偏移 %zu）的代码范围 %u..%llu 超出代码的 %u 个字节") \
  EN("function %u at offset %zu has arity %u with %u locals", "函数 %u（偏移 %zu）有 %u 个参数，却只有 %u 个局部变量") \
  EN("function %u at offset %zu has no code", "函数 %u（偏移 %zu）没有代码") \
  EN("function %u has no name", "函数 %u 没有名称") \
  EN("function %u out of range (%u functions)", "函数 %u 超出范围（共 %u 个函数）") \
  EN("function 0 at offset %zu must be main, with no parameters, starting at code offset 0", "函数 0（偏移 %zu）必须是 main：没有参数，从代码偏移 0 开始") \
  EN("grade %u at offset %zu has an invalid has_min byte %u", "等级 %u（偏移 %zu）的 has_min 字节 %u 无效") \
  EN("halts while the %s at %04u is open", "停止（HALT）时 %s（在 %04u 处打开）尚未关闭") \
  EN("input %u (%s) has a default that is not a value constant", "input %u（%s）的默认值不是值常量") \
  EN("input %u (%s) has a source, type or missing-value policy out of range", "input %u（%s）的来源、类型或缺失值处理方式超出范围") \
  EN("input %u (%s) has no name", "input %u（%s）没有名称") \
  EN("input %u (%s) reads a fact but names no key", "input %u（%s）读取 fact，却没有指明键") \
  EN("input %u at offset %zu has an unknown missing-value policy %u", "input %u（偏移 %zu）的缺失值处理方式 %u 未知") \
  EN("input %u at offset %zu has an unknown source %u", "input %u（偏移 %zu）的来源 %u 未知") \
  EN("input %u at offset %zu has an unknown type %u", "input %u（偏移 %zu）的类型 %u 未知") \
  EN("input %u at offset %zu has default constant %u, which is not a value constant", "input %u（偏移 %zu）的默认常量 %u 不是值常量") \
  EN("input %u at offset %zu is declared in file %u, but there are only %u files", "input %u（偏移 %zu）声明于文件 %u，但只有 %u 个文件") \
  EN("input %u at offset %zu reads a fact but names no key", "input %u（偏移 %zu）读取 fact，却没有指明键") \
  EN("input %u out of range (%u inputs)", "input %u 超出范围（共 %u 个 input）") \
  EN("invalid opcode 0x%02x", "无效的操作码 0x%02x") \
  EN("jumps to %04lld, which is inside an instruction", "跳转到 %04lld，落在一条指令的中间") \
  EN("jumps to %lld, outside the function (%04u..%04u)", "跳转到 %lld，超出了函数范围（%04u..%04u）") \
  EN("main cannot be called", "main 不能被调用") \
  EN("main cannot return; it ends with HALT", "main 不能返回（RETURN），应以 HALT 结束") \
  EN("must jump to an ITEM_END, not to %s at %04lld", "必须跳转到 ITEM_END，不能跳转到 %s（%04lld 处）") \
  EN("native %s takes %u arguments, not %u", "native %s 接受 %u 个参数，不是 %u 个") \
  EN("native %u (%s) at offset %zu has %u parameters; at most %d are allowed", "native %u（%s，偏移 %zu）有 %u 个参数；最多允许 %d 个") \
  EN("native %u (%s) at offset %zu has an invalid pure byte %u", "native %u（%s，偏移 %zu）的 pure 字节 %u 无效") \
  EN("native %u (%s) at offset %zu has an unknown result type %u", "native %u（%s，偏移 %zu）的结果类型 %u 未知") \
  EN("native %u (%s) at offset %zu names file %u, but there are %u files", "native %u（%s，偏移 %zu）指向文件 %u，但只有 %u 个文件") \
  EN("native %u (%s) at offset %zu returns a list; a list may only be a parameter", "native %u（%s，偏移 %zu）返回 list；list 只能作为参数") \
  EN("native %u (%s) has a parameter of unknown type", "native %u（%s）有类型未知的参数") \
  EN("native %u (%s) has an unknown result type", "native %u（%s）的结果类型未知") \
  EN("native %u (%s) has more parameters than a native may have", "native %u（%s）的参数个数超过 native 允许的上限") \
  EN("native %u (%s) lacks a name, a library or a symbol", "native %u（%s）缺少名称、库或符号") \
  EN("native %u (%s) names a source file that is not in the file list", "native %u（%s）指向的源文件不在文件列表中") \
  EN("native %u (%s) returns a list; a list may only be a parameter", "native %u（%s）返回 list；list 只能作为参数") \
  EN("native %u out of range (%u natives)", "native %u 超出范围（共 %u 个 native）") \
  EN("not a rubric bytecode file: bad magic at offset 0", "不是 rubric 字节码文件：偏移 0 处的文件标识（magic）不对") \
  EN("nothing is open to close", "没有尚未关闭的 section 或 item 可以关闭") \
  EN("only main may halt; a function ends with RETURN", "只有 main 可以停止（HALT）；函数应以 RETURN 结束") \
  EN("out of memory loading the %s section", "读取 %s 段时内存不足") \
  EN("out of memory loading the code section", "读取 code 段时内存不足") \
  EN("out of memory loading the strings section", "读取 strings 段时内存不足") \
  EN("out of memory while sizing the stacks", "计算栈大小时内存不足") \
  EN("out of memory while verifying", "校验字节码时内存不足") \
  EN("parameter %u of native %u (%s) at offset %zu has an unknown type %u", "第 %u 个参数（native %u，%s，偏移 %zu）的类型 %u 未知") \
  EN("places %d outside -%d..%d", "位数 %d 超出 -%d..%d") \
  EN("qualitative tier %d (%s)", "qualitative 档次 %d（%s）") \
  EN("range %u of step table %u (offset %zu) has invalid flags 0x%02x", "区间 %u（step 表 %u，偏移 %zu）的标志 0x%02x 无效") \
  EN("returns while the %s at %04u is open", "返回（RETURN）时 %s（在 %04u 处打开）尚未关闭") \
  EN("returns with %d values on the stack instead of 1", "返回时栈上有 %d 个值，应为 1 个") \
  EN("rounding mode %u at offset %zu is unknown", "取舍方式 %u（偏移 %zu）未知") \
  EN("rounding places %d at offset %zu is outside -%d..%d", "取舍位数 %d（偏移 %zu）超出 -%d..%d") \
  EN("sections and items open here from %04u differ from those on another path", "从 %04u 到达此处时尚未关闭的 section 和 item 与另一条路径不同") \
  EN("slot %u out of range (%u locals)", "槽位 %u 超出范围（共 %u 个局部变量）") \
  EN("slots %u and %u out of range (%u locals)", "槽位 %u 和 %u 超出范围（共 %u 个局部变量）") \
  EN("stack depth %d here from %04u, but %d on another path", "栈深度为 %d（从 %04u 到达此处），另一条路径上为 %d") \
  EN("stack underflow: pops %d but the stack holds %d", "栈下溢：要弹出 %d 个值，栈上只有 %d 个") \
  EN("step arm %s", "step 区间 %s") \
  EN("stores the element into slot %u, which holds the iteration (slots %u and %u)", "把元素存入槽位 %u，而该槽位存放着迭代状态（槽位 %u 和 %u）") \
  EN("the %s at offset %zu in the %s section is missing (string index none)", "%s（偏移 %zu，%s 段）缺失（字符串索引为 none）") \
  EN("the %s at offset %zu in the %s section is not a number (%u bytes of text)", "%s（偏移 %zu，%s 段）不是数（%u 字节的文字）") \
  EN("the %s at offset %zu in the %s section is not a valid number", "%s（偏移 %zu，%s 段）不是有效的数") \
  EN("the %s at offset %zu in the %s section names string %u, but there are only %u strings", "%s（偏移 %zu，%s 段）指向字符串 %u，但只有 %u 个字符串") \
  EN("the %s section at offset %zu declares %llu %s; at most %llu are allowed", "%s 段（偏移 %zu）声明了 %llu 个%s；最多允许 %llu 个") \
  EN("the %s section has %zu unused bytes at offset %zu", "%s 段有 %zu 个未用的字节（偏移 %zu）") \
  EN("the code of functions %s and %s overlaps", "函数 %s 与 %s 的代码重叠") \
  EN("the functions section at offset %zu is empty: a program needs its main function", "functions 段（偏移 %zu）为空：程序必须有 main 函数") \
  EN("the instruction runs past the end of the function at %04u", "指令越过了函数末尾（%04u）") \
  EN("the last instruction of a function must be JUMP, RETURN or HALT", "函数的最后一条指令必须是 JUMP、RETURN 或 HALT") \
  EN("the operand stack would grow beyond %d values", "操作数栈将超过 %d 个值") \
  EN("the section table at offset %d gives the code section %u bytes but a length of %u", "段表（偏移 %d）给 code 段 %u 个字节，却记其长度为 %u") \
  EN("truncated: the %s section needs %zu bytes at offset %zu, only %zu remain", "文件不完整：%s 段需要 %zu 个字节（偏移 %zu），只剩 %zu 个") \
  EN("truncated: the %s section needs at least %llu bytes for %llu %s at offset %zu, only %zu remain", "文件不完整：%s 段至少需要 %llu 个字节存放 %llu 个%s（偏移 %zu），只剩 %zu 个") \
  EN("truncated: the file header needs %d bytes at offset 0, only %zu remain", "文件不完整：文件头需要 %d 个字节（偏移 0），只有 %zu 个") \
  EN("truncated: the sections need %llu bytes at offset %d, only %zu remain", "文件不完整：各段需要 %llu 个字节（偏移 %d），只剩 %zu 个") \
  EN("unknown built-in %u", "未知的内置函数 %u") \
  EN("unknown field %u", "未知的字段 %u") \
  EN("unknown flags 0x%04x at offset 6", "未知的标志 0x%04x（偏移 6）") \
  EN("unknown rounding mode %u", "未知的取舍方式 %u") \
  EN("unknown row-weight mode %u", "未知的行分值方式 %u") \
  EN("unknown split policy %u", "未知的分配方式 %u") \
  EN("unsupported .rbc format version %u at offset 4 (this build reads version %d)", "不支持的 .rbc 格式版本 %u（偏移 4；本程序读取的是版本 %d）")

#define RB_TEXTS_EN(ENT) \
  /* import, yajl, API */ \
  ENT(" (text is written in double quotes)", "（文字须用双引号括起）") \
  ENT("CRC error", "CRC 校验出错（文件已损坏）") \
  ENT("Can't open file", "无法打开文件") \
  ENT("Encryption method not supported", "不支持该加密方式") \
  ENT("Malloc failure", "内存不足") \
  ENT("Not a zip archive", "不是 zip 压缩包") \
  ENT("Premature end of file", "文件意外结束（文件不完整）") \
  ENT("Read error", "读取出错") \
  ENT("Zip archive inconsistent", "zip 压缩包结构不一致（文件已损坏）") \
  ENT("a \\u escape that is half of a character (a lone surrogate, \\ud800–\\udfff, not in a pair)", "\\u 转义只是半个字符（单独的代理项 \\ud800–\\udfff，未成对出现）") \
  ENT("a control character inside text (write a tab as \\t and a line break as \\n)", "文字中有控制字符（制表符请写作 \\t，换行请写作 \\n）") \
  ENT("a host function needs a name", "宿主函数需要名称") \
  ENT("a list cannot be a result", "列表不能作为结果") \
  ENT("a host function takes 0 to 16 parameters", "宿主函数接受 0 至 16 个参数") \
  ENT("a parameter type is not a rubric_ctype", "有参数类型不是 rubric_ctype") \
  ENT("a second byte order mark (BOM) before the report", "报告之前有第二个字节顺序标记（BOM）") \
  ENT("comments are not allowed in JSON", "JSON 中不能写注释") \
  ENT("duplicate attribute", "属性重复") \
  ENT("expected ',' or ']' after an element", "数组元素之后应为 ',' 或 ']'") \
  ENT("expected ',' or '}' after a member", "成员之后应为 ',' 或 '}'") \
  ENT("expected ':' after the member name", "成员名之后应为 ':'") \
  ENT("expected a member name in double quotes", "此处应为用双引号括起的成员名") \
  ENT("expected a value", "此处应为一个值") \
  ENT("expected true, false or null", "此处应为 true、false 或 null") \
  ENT("invalid \\u escape in text (four hexadecimal digits must follow \\u)", "文字中的 \\u 转义无效（\\u 之后必须是四位十六进制数字）") \
  ENT("invalid escape in text (write a backslash as \\\\)", "文字中的转义无效（反斜杠请写作 \\\\）") \
  ENT("junk after document element", "文档元素之后有多余内容") \
  ENT("malformed number: a digit must follow '-'", "数字格式错误：'-' 之后必须是数字") \
  ENT("malformed number: a digit must follow the decimal point", "数字格式错误：小数点之后必须是数字") \
  ENT("malformed number: a digit must follow the exponent", "数字格式错误：指数符号之后必须是数字") \
  ENT("malformed number: a leading zero (write 7, not 07)", "数字格式错误：数字不能以 0 开头（应写 7，而不是 07）") \
  ENT("mismatched tag", "标签不匹配") \
  ENT("no element found", "没有找到元素（内容为空或不完整）") \
  ENT("no function given", "未给出函数") \
  ENT("no parameter types given", "未给出参数类型") \
  ENT("not UTF-8 text (save the file as UTF-8)", "不是 UTF-8 文本（请将文件另存为 UTF-8 编码）") \
  ENT("not well-formed (invalid token)", "格式不正确（无效的记号）") \
  ENT("partial character", "不完整的字符") \
  ENT("standard output", "标准输出") \
  ENT("syntax error", "语法错误") \
  ENT("text after the report", "报告之后还有多余的内容") \
  ENT("the result type is not a rubric_ctype", "结果类型不是 rubric_ctype") \
  ENT("unclosed CDATA section", "CDATA 段未结束") \
  ENT("unclosed token", "记号未结束") \
  ENT("undefined entity", "未定义的实体") \
  ENT("unexpected control character (form feed)", "意外的控制字符（换页符）") \
  ENT("unexpected control character (vertical tab)", "意外的控制字符（垂直制表符）") \
  ENT("unexpected end of input", "内容意外结束（文件不完整）") \
  ENT(" and ", " 和 ") \
  ENT(" or ", " 或 ") \
  ENT("\"project\" or \"department\"", "“project”或“department”") \
  ENT("\"元\", \"万元\" or \"亿元\" (or 千元, 百万元, 千万元, 万亿元)", "“元”“万元”或“亿元”（或千元、百万元、千万元、万亿元）") \
  ENT(", ", "、") \
  ENT(", expected ", "，应为 ") \
  ENT(", expected an expression", "，应为表达式") \
  ENT("; the output file was not written", "；未写出输出文件") \
  ENT("; the output is incomplete", "；输出不完整") \
  ENT("Not applicable: an item whose score is na() is left out and its section is renormalised over the items that apply (按百分制折算).", "不适用：得分为 na() 的 item 不计入，其所在 section 按适用的 item 折算（按百分制折算）。") \
  ENT("The absolute value.", "绝对值。") \
  ENT("The largest of its number arguments.", "其数值参数中最大的一个。") \
  ENT("The number of a measure in its own scale (90 for 90%), or a number as is.", "计量值在自身刻度下的数（90% 为 90），数则原样返回。") \
  ENT("The number of rows of a table or characters of a text.", "表的行数或文字的字数。") \
  ENT("The smallest of its number arguments.", "其数值参数中最小的一个。") \
  ENT("The texts of its arguments joined (numbers as written).", "各参数的文字连在一起（数按写法）。") \
  ENT("Whether a text contains another.", "一段文字是否包含另一段。") \
  ENT("Whether a text starts with another.", "一段文字是否以另一段开头。") \
  ENT("Whether a value is nil (a missing input accepted by the rubric).", "值是否为 nil（规则接受的缺失输入）。") \
  ENT("[not] finding KIND [\"TEXT\"], as finding shortfall \"培训标准\"", "[not] finding 种类 [\"文字\"]，如 finding shortfall \"培训标准\"") \
  ENT("a check's condition", "check 的条件") \
  ENT("a check's message", "check 的说明") \
  ENT("a comment that starts with /* must end with */", "以 /* 开始的注释必须以 */ 结束") \
  ENT("a constant is the same for every report; call the function in an item, a check or another function", "常量对每份报告都相同；请在 item、check 或其他函数中调用该函数") \
  ENT("a constant is the same for every report; read inputs in items, checks or functions", "常量对每份报告都相同；请在 item、check 或函数中读取输入") \
  ENT("a database is not written to standard output", "数据库不写到标准输出") \
  ENT("a folder inside the input folder (give it as an input of its own)", "输入文件夹中的文件夹（请将其单独作为输入）") \
  ENT("a name that starts with ` must end with ` on the same line", "以 ` 开始的名称必须在同一行以 ` 结束") \
  ENT("a name with spaces or punctuation must be quoted: `专项调研/交流考察次数` or \"…\"", "含空格或标点的名称必须加引号：`专项调研/交流考察次数` 或 \"…\"") \
  ENT("a native function returns integer, number, text, bool or date", "native 函数返回 integer、number、text、bool 或 date") \
  ENT("a number", "数") \
  ENT("a number, text, true or false", "数、文字、true 或 false") \
  ENT("a report provides fact \"名称\"", "报告提供 fact \"名称\"") \
  ENT("a rubric is plain text; is this the file you meant?", "规则文件是纯文本；这是您要的文件吗？") \
  ENT("a rubric may import files in its own folder and below, in the folders of RUBRIC_PATH, and the shipped rules; add the folder to RUBRIC_PATH to allow it", "规则文件可以导入其所在文件夹及子文件夹、RUBRIC_PATH 中的文件夹以及随附规则中的文件；如需允许，请将该文件夹加入 RUBRIC_PATH") \
  ENT("a test says: report, total, score, grade, finding, not finding, error or check", "测试可写：report、total、score、grade、finding、not finding、error 或 check") \
  ENT("a text that starts with \" must end with \" on the same line", "以 \" 开始的文字必须在同一行以 \" 结束") \
  ENT("a weight follows the name: item NAME WEIGHT = EXPRESSION, section NAME WEIGHT { … }", "名称之后是分值：item 名称 分值 = 表达式，section 名称 分值 { … }") \
  ENT("a year such as 2024", "年份，如 2024") \
  ENT("above", "高于") \
  ENT("add", "相加") \
  ENT("after else: largest_remainder, floor_last, whole or exact", "else 之后：largest_remainder、floor_last、whole 或 exact") \
  ENT("amount in 万元", "以万元计的金额") \
  ENT("amount in 亿元", "以亿元计的金额") \
  ENT("amount in 元", "以元计的金额") \
  ENT("an Excel workbook is not written to standard output", "Excel 工作簿不写到标准输出") \
  ENT("an array", "数组") \
  ENT("an if is written: if CONDITION then A else B", "if 的写法：if 条件 then A else B") \
  ENT("an import reads another rubric file, whose name ends in .rubric", "import 读取另一个规则文件，其文件名以 .rubric 结尾") \
  ENT("an item's score is a number of points, such as min(实际 / 目标, 1) * weight", "item 的得分是分数，如 min(实际 / 目标, 1) * weight") \
  ENT("an object", "对象") \
  ENT("append(list, x): a new list with x added at the end (nil is an empty list); list(e for x in t) is built with it.", "append(list, x)：在 list 末尾加上 x 得到的新列表（nil 为空列表）；list(e for x in t) 即由它构成。") \
  ENT("band_high(tier, weight[, variant]): the highest score of a tier's band.", "band_high(tier, weight[, variant])：该档次区间的最高得分。") \
  ENT("band_low(tier, weight[, variant]): the lowest score of a tier's band.", "band_low(tier, weight[, variant])：该档次区间的最低得分。") \
  ENT("below", "低于") \
  ENT("call it with its arguments: name(a, b)", "请带参数调用：name(a, b)") \
  ENT("check NAME holds, check NAME fails or check NAME unknown", "check 名称 holds、check 名称 fails 或 check 名称 unknown") \
  ENT("clamp(x, low, high): x limited to [low, high].", "clamp(x, low, high)：把 x 限定在 [low, high] 之内。") \
  ENT("compare a percentage with a percentage (90%); num() gives a value's number in its own scale (90 for 90%)", "百分数应与百分数比较（90%）；num() 给出值在自身刻度下的数（90% 为 90）") \
  ENT("compare money with money: write the amount with its unit, as 100万元", "金额应与金额比较：请写出金额及单位，如 100万元") \
  ENT("compute it in a function or an item instead", "请改在函数或 item 中计算") \
  ENT("date", "日期") \
  ENT("dates are written YYYY-MM-DD, as in 2024-04-01", "日期写作 YYYY-MM-DD，如 2024-04-01") \
  ENT("deadline(actual, target, weight): the weight if the actual date is on or before the target date, else 0.", "deadline(actual, target, weight)：实际日期不晚于目标日期时得满分，否则为 0。") \
  ENT("declare it first with input, const, fn or let", "请先用 input、const、fn 或 let 声明") \
  ENT("deduct(count, points_each, weight) = max(weight − count × points_each, 0): 每出现一例扣N分，扣完为止.", "deduct(count, points_each, weight) = max(weight − count × points_each, 0)：每出现一例扣N分，扣完为止。") \
  ENT("each side of and", "and 的两边") \
  ENT("each side of or", "or 的两边") \
  ENT("end of file", "文件末尾") \
  ENT("end with a grade for everything else, as in 差", "最后写一个涵盖其余情况的等级，如 差") \
  ENT("equality(actual, target, weight): the weight if actual = target, else 0; with a target of 0, an actual ≤ 0 earns the weight (negative actuals count as 0).", "equality(actual, target, weight)：actual = target 时得满分，否则为 0；目标为 0 时，actual ≤ 0 得满分（负的实际值按 0 计）。") \
  ENT("error \"TEXT\", a part of the message the rubric refuses the report with", "error \"文字\"：规则拒绝该报告时所给说明中的一段") \
  ENT("execution_rate(spent, budget, weight) = min(spent/budget, 1) × weight: 预算执行率.", "execution_rate(spent, budget, weight) = min(spent/budget, 1) × weight：预算执行率。") \
  ENT("expected a date written YYYY-MM-DD", "应为写作 YYYY-MM-DD 的日期") \
  ENT("expected a number", "应为数") \
  ENT("expected text", "应为文字") \
  ENT("expected true/false (or 是/否)", "应为 true/false（或 是/否）") \
  ENT("fixed(x, places): x as text with exactly that many decimals, half up — a percentage in percent (fixed(0.999, 2) is \"99.90%\"), money in the report's unit.", "fixed(x, places)：把 x 写成恰有该位数小数的文字，四舍五入——百分数按百分比写（fixed(0.999, 2) 为 \"99.90%\"），金额按报告的单位写。") \
  ENT("flag(kind, message[, value]): record a finding of the given kind for the current item and return value (nil if omitted).", "flag(kind, message[, value])：为当前 item 记一条给定种类的发现，并返回 value（省略时为 nil）。") \
  ENT("from", "不低于") \
  ENT("function", "函数") \
  ENT("give each item and section of a section its own name", "section 中的每个 item 和 section 都要有自己的名称") \
  ENT("grade NAME, as grade 优", "grade 名称，如 grade 优") \
  ENT("inside \"…\" only \\\" \\\\ \\n and \\t have a meaning", "在 \"…\" 中只有 \\\" \\\\ \\n 和 \\t 有含义") \
  ENT("internal error: cannot compile this expression", "内部错误：无法编译此表达式") \
  ENT("interrupted: ", "已中断：") \
  ENT("items are generated from the indicator table: input 指标: table = indicators", "item 由指标表生成：input 指标: table = indicators") \
  ENT("list grades from the highest to the lowest", "请按从高到低的顺序列出等级") \
  ENT("look up a percentage, or write the bounds as plain numbers", "请查找百分数，或把界值写成普通数") \
  ENT("make a list with list(e for x in table)", "请用 list(e for x in table) 构造列表") \
  ENT("make the top-level weights add up to the total", "使顶层分值之和等于总分") \
  ENT("make the weights of the children add up to the section's weight", "使下级分值之和等于该 section 的分值") \
  ENT("malformed expectation", "预期写法有误") \
  ENT("malformed number", "数的写法有误") \
  ENT("modes are half_up (四舍五入), half_even, down, up, floor and ceil", "取舍方式有 half_up（四舍五入）、half_even、down、up、floor 和 ceil") \
  ENT("modes are table (the table's own sum), rescale (to the section's weight) and strict (an error)", "方式有 table（按表中合计）、rescale（按比例调整为 section 的分值）和 strict（报错）") \
  ENT("money can only be added to or subtracted from money; write an amount as 12万元", "金额只能与金额相加减；金额写作 12万元") \
  ENT("name", "名称") \
  ENT("name the C function with symbol \"name\"", "请用 symbol \"name\" 指明 C 函数") \
  ENT("native types are integer (int64_t), number (double), text (const char *), bool (int), date (int32_t days) and list (const double *, size_t)", "native 类型有 integer（int64_t）、number（double）、text（const char *）、bool（int）、date（int32_t 天数）和 list（const double *, size_t）") \
  ENT("no grade", "无等级") \
  ENT("no such date", "没有这个日期") \
  ENT("not UTF-8 text, and not GB18030 (GBK) either; save the file as UTF-8", "不是 UTF-8 文本，也不是 GB18030（GBK）；请将文件另存为 UTF-8 编码") \
  ENT("not UTF-8 text, and this system cannot convert GB18030 (GBK); save the file as UTF-8", "不是 UTF-8 文本，本系统也无法转换 GB18030（GBK）；请将文件另存为 UTF-8 编码") \
  ENT("not a regular file", "不是普通文件") \
  ENT("not a report file (.json, .jsonl, .csv, or a published .txt, .pdf, .xlsx, .docx)", "不是报告文件（.json、.jsonl、.csv，或已公开的 .txt、.pdf、.xlsx、.docx）") \
  ENT("number", "数") \
  ENT("only the last grade has no minimum", "只有最后一个等级没有下限") \
  ENT("out of memory", "内存不足") \
  ENT("percentage", "百分数") \
  ENT("plain(text): the text without any spaces (ASCII, 全角空格, no-break) and without sentence punctuation (。，；：！？、．.,;:!?) at either end — to match what publishers write with stray spaces: plain(\"产 出\") is \"产出\", plain(\"达成预期指标。\") is \"达成预期指标\".", "plain(text)：去掉所有空格（ASCII、全角空格、不换行空格）及两端句读标点（。，；：！？、．.,;:!?）后的文字——用于匹配填报时多出的空格：plain(\"产 出\") 为 \"产出\"，plain(\"达成预期指标。\") 为 \"达成预期指标\"。") \
  ENT("policies are by_row, largest_remainder, floor_last, whole and exact", "分配方式有 by_row、largest_remainder、floor_last、whole 和 exact") \
  ENT("positive(actual, target, weight) = min(actual/target, 1) × weight: a quantitative indicator where more is better (≥, 以上, 不低于); over-achievement is capped at the weight. A target of 0 earns the weight.", "positive(actual, target, weight) = min(actual/target, 1) × weight：越多越好的定量指标（≥、以上、不低于）；超额完成的，得分以分值为限。目标为 0 时得满分。") \
  ENT("possibly an if without else: every if needs both then and else", "可能是 if 缺少 else：每个 if 都需要 then 和 else") \
  ENT("possibly an unclosed '{' or '(' earlier in the file", "可能是文件前面有未闭合的 '{' 或 '('") \
  ENT("possibly an unfinished expression just before this", "可能是此处之前的表达式没有写完") \
  ENT("put generated items inside a section: section 产出 40 { each … }", "请将生成的 item 放在 section 内：section 产出 40 { each … }") \
  ENT("put the generated items in a section of their own", "请将生成的 item 放在单独的 section 中") \
  ENT("qualitative(tier, self, weight[, variant]): the self score if it lies inside the band of the tier (1 达成: 80%–100% of the weight; 2 部分达成: 60%–80%; 3 未达成: 0–60%; variant 50 uses 80/50), else the nearest bound of the band, with a finding.", "qualitative(tier, self, weight[, variant])：自评得分在该档次的区间内时取自评得分（1 达成：分值的 80%–100%；2 部分达成：60%–80%；3 未达成：0–60%；variant 50 用 80/50 分档），否则取该区间最近的端点，并记一条发现。") \
  ENT("ratio(a, b) = a/b of two numbers or measures, as a percentage.", "ratio(a, b) = a/b：两个数或计量值之比，以百分数表示。") \
  ENT("remove it, or use it in a score or a check", "请删除它，或在得分或 check 中使用它") \
  ENT("report \"FILE.json\" or report { JSON }", "report \"文件.json\" 或 report { JSON }") \
  ENT("reverse_linear(actual, target, weight): the weight if actual ≤ target, else (1 − (actual − target)/target) × weight, floored at 0: zero at twice the target.", "reverse_linear(actual, target, weight)：actual ≤ target 时得满分，否则得 (1 − (actual − target)/target) × weight，最低为 0：达到目标的两倍时为 0。") \
  ENT("reverse_ratio(actual, target, weight): the weight if actual ≤ target, else target/actual × weight: a ceiling (≤, 以下, 不超过, cost indicators).", "reverse_ratio(actual, target, weight)：actual ≤ target 时得满分，否则得 target/actual × weight：上限型指标（≤、以下、不超过，成本指标）。") \
  ENT("round_as(x, like): x rounded half up (四舍五入) to as many decimal places as like has — to compare a computed rate with a stated one at the statement's precision (73.2% → 3 places of 0.732).", "round_as(x, like)：把 x 按 like 的小数位数四舍五入——用于按表述的精度比较算出的比率与所述比率（73.2% → 0.732 的 3 位）。") \
  ENT("rounding applies at item, section or total", "取舍可用于 item、section 或 total") \
  ENT("save it as UTF-8", "请另存为 UTF-8 编码") \
  ENT("save it as UTF-8, then format it", "请另存为 UTF-8 编码后再格式化") \
  ENT("save it as UTF-8; the caret marks the first byte that is not UTF-8", "请另存为 UTF-8 编码；^ 标出第一个不是 UTF-8 的字节") \
  ENT("score SECTION › ITEM POINTS, as score 产出 › 培训标准 9.17", "score 部分 › 项目 分数，如 score 产出 › 培训标准 9.17") \
  ENT("split it into parts with let, a constant or a function", "请用 let、常量或函数拆分") \
  ENT("split the table, or compute the points with a formula", "请拆分该表，或用公式计算分数") \
  ENT("stopped: ", "已停止：") \
  ENT("subtract", "相减") \
  ENT("table of budget lines", "预算明细表") \
  ENT("table of indicators", "指标表") \
  ENT("text", "文字") \
  ENT("text or a number", "文字或数") \
  ENT("the condition of if", "if 的条件") \
  ENT("the kind of a finding", "发现的种类") \
  ENT("the message of a finding", "发现的说明") \
  ENT("the operand of not", "not 的操作数") \
  ENT("the path is relative to the file that imports it", "路径相对于导入它的文件") \
  ENT("the rubric", "规则文件") \
  ENT("the rubric's folder", "规则文件所在文件夹") \
  ENT("the weight", "分值") \
  ENT("the where condition", "where 条件") \
  ENT("this argument", "此参数") \
  ENT("this character cannot start a name or an operator; remove it or put it inside \"text\"", "此字符不能作为名称或运算符的开头；请删除，或放在 \"文字\" 中") \
  ENT("this character has no meaning in a rubric; remove it or put it inside \"text\"", "此字符在规则文件中没有含义；请删除，或放在 \"文字\" 中") \
  ENT("this expression is nested too deeply (more than 256 levels)", "此表达式嵌套过深（超过 256 层）") \
  ENT("this number has more than 4000 digits", "此数超过 4000 位") \
  ENT("this rubric has more than 65536 computed constants", "此规则文件的计算常量超过 65536 个") \
  ENT("this rubric has too many constants for one program (65535)", "此规则文件的常量过多，超出一个程序的上限（65535）") \
  ENT("this rubric is nested too deeply to read (brackets or blocks inside one another)", "此规则文件嵌套过深，无法读取（括号或代码块层层相套）") \
  ENT("this type cannot come from a fact", "此类型不能来自 fact") \
  ENT("two files cannot import each other; move what they share into a third file", "两个文件不能相互导入；请把共用的内容移到第三个文件中") \
  ENT("types are number, money, percent, bool, text, date, value, row, line and (for inputs) table", "类型有 number、money、percent、bool、text、date、value、row、line 以及（用于输入的）table") \
  ENT("unexpected character", "意外的字符") \
  ENT("unexpected end of file", "文件意外结束") \
  ENT("unknown aggregate", "未知的汇总函数") \
  ENT("unknown escape in text", "文字中有未知的转义") \
  ENT("unknown expectation", "未知的预期") \
  ENT("unterminated comment", "注释没有结束") \
  ENT("unterminated quoted name", "加引号的名称没有结束") \
  ENT("unterminated text", "文字没有结束") \
  ENT("up to and including", "不超过") \
  ENT("weight and self refer to the item being scored; pass them to a function as arguments", "weight 和 self 指正在评分的 item；请作为参数传给函数") \
  ENT("what a missing value means: missing error, missing zero, missing self, missing full or missing default VALUE", "缺失值的含义：missing error、missing zero、missing self、missing full 或 missing default 值") \
  ENT("what all and any test", "all 和 any 检验的内容") \
  ENT("write digits after the decimal point, as in 12.0", "请在小数点后写出数字，如 12.0") \
  ENT("write split by_row rescale (or strict, or table)", "请写 split by_row rescale（或 strict、table）") \
  ENT("write split by_row … else POLICY", "请写 split by_row … else 分配方式") \
  ENT("write sum, count, all, any, min, max or list before (… for x in …)", "请在 (… for x in …) 前写 sum、count、all、any、min、max 或 list") \
  ENT("write the C type of each parameter: integer, number, text, bool, date or list", "请写出每个参数的 C 类型：integer、number、text、bool、date 或 list") \
  ENT("write the bounds as percentages: >= 90%", "请把界值写成百分数：>= 90%") \
  ENT("write the kind as text, e.g. \"review\"", "请把种类写成文字，如 \"review\"") \
  ENT("write the library as text (\"libm.so.6\", \"./libweighted.so\") or host for a function the embedding program registers", "请把库写成文字（\"libm.so.6\"、\"./libweighted.so\"），嵌入程序注册的函数写 host") \
  ENT("write the places as a number, as in fixed(x, 2)", "请把位数写成数，如 fixed(x, 2)") \
  ENT("write the points as a number, as in >= 90%: 5", "请把分数写成数，如 >= 90%: 5") \
  /* bytecode, native, LSP, coverage */ \
  ENT("(no row of the report is generated here)\n", "（报告中没有在此生成的行）\n") \
  ENT("\n\n(no sample report: write a test with a report in this file to see the shares of its rows)", "\n\n（没有样例报告：在此文件中写一个带 report 的 test，即可看到各行分得的分值）") \
  ENT("\n\n(the rubric has errors: no shares)", "\n\n（规则文件有错误，无法计算分配）") \
  ENT("a grade has no label", "有等级没有名称") \
  ENT("a source file has no name", "有源文件没有名称") \
  ENT("constants", "常量") \
  ENT("debug entries", "调试条目") \
  ENT("else branch", "else 分支") \
  ENT("file name", "文件名") \
  ENT("files", "文件") \
  ENT("function 0 must be main, with no parameters, starting at code offset 0", "函数 0 必须是 main：没有参数，从代码偏移 0 开始") \
  ENT("function name", "函数名称") \
  ENT("functions", "函数") \
  ENT("grade label", "等级名称") \
  ENT("grade minimum", "等级下限") \
  ENT("grades", "等级") \
  ENT("input key", "input 的键") \
  ENT("input name", "input 名称") \
  ENT("inputs", "input 声明") \
  ENT("native library", "native 库") \
  ENT("native name", "native 名称") \
  ENT("native symbol", "native 符号") \
  ENT("natives", "native 声明") \
  ENT("out of memory while verifying", "校验字节码时内存不足") \
  ENT("step high bound", "step 区间上限") \
  ENT("step low bound", "step 区间下限") \
  ENT("step points", "step 区间分数") \
  ENT("step ranges", "step 区间") \
  ENT("texts of a set", "文字集合中的文字") \
  ENT("text of a set", "文字集合中的一项文字") \
  ENT("opening", "打开时") \
  ENT("creating the tables", "建表时") \
  ENT("inserting", "写入记录时") \
  ENT("committing", "提交时") \
  ENT("closing", "关闭时") \
  ENT("a result record is malformed", "一条结果记录格式有误") \
  ENT("out of memory writing the Excel file", "写入 Excel 文件时内存不足") \
  ENT("an Excel file is written to a regular file only", "Excel 文件只能写入普通文件") \
  ENT("a database is written to a regular file only", "数据库只能写入普通文件") \
  ENT("strings", "字符串") \
  ENT("the program has a table with a count but no storage", "程序中有表记了条数却没有内容") \
  ENT("the program has more functions, constants, inputs or natives than the encoding allows", "程序的函数、常量、input 或 native 超出编码允许的个数") \
  ENT("the program has no main function", "程序没有 main 函数") \
  ENT("the rounding policy has places, mode or where out of range", "取舍规则的位数、方式或 where 超出范围") \
  ENT("then branch", "then 分支") \
  ENT("title", "标题") \
  ENT("total", "总分") \
  ENT("unknown error", "未知错误") \
  ENT("version", "版本")
