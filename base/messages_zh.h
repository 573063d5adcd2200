/*
** messages_zh.h — printf formats written in Chinese in the code (findings,
** report notes, explanations), with their English: ZH(chinese, english).
** Included by base/messages.c only.  Keep each format exactly as written at
** its call site; tests/messages/check_catalogue.py finds them there.
**
** The English is for a reader who knows the domain, not Chinese: official
** terms keep their Chinese name in brackets where it is the name on the
** published forms ("weight (分值)").
*/
#define RB_MESSAGES_ZH(ZH) \
  ZH("本规则的评分项没有读取这一行", \
     "no item of this rubric reads this row") \
  ZH("表中未填一级、二级指标", \
     "the row gives no level 1 or level 2 indicator (一级指标, 二级指标)") \
  ZH("表中未填一级指标，二级指标「%s」不属于本规则的任何部分", \
     "the row gives no level 1 indicator (一级指标), and its level 2 indicator (二级指标) \"%s\" belongs to no part of this rubric") \
  ZH("一级指标「%s」不属于本规则的任何部分", \
     "its level 1 indicator (一级指标) \"%s\" belongs to no part of this rubric") \
  ZH("本规则不读取指标表", \
     "this rubric does not read the indicator table") \
  ZH("本规则没有按指标行计分的项目", \
     "this rubric has no item scored from indicator rows") \
  ZH("没有一行符合本规则各部分的条件", \
     "no row meets the conditions of any part of this rubric") \
  ZH("报告的 %zu 行指标均未被本规则计分（%s）", \
     "none of the report's %zu indicator rows is scored by this rubric (%s)") \
  ZH("指标「%s」未被本规则的任何评分项计分（%s），自评 %s 分未经复核", \
     "indicator \"%s\" is scored by no item of this rubric (%s); its self score of %s points is not recomputed") \
  ZH("指标「%s」未被本规则的任何评分项计分（%s）", \
     "indicator \"%s\" is scored by no item of this rubric (%s)") \
  ZH("本规则按名称查找指标「%s」，报告的指标表中没有这一行（是否应为「%s」？），用到它的计算按没有这一行进行", \
     "this rubric looks up indicator \"%s\" by name, but the report's indicator table has no such row (did you mean \"%s\"?); what uses it is computed without that row") \
  ZH("本规则按名称查找指标「%s」，报告的指标表中没有这一行，用到它的计算按没有这一行进行", \
     "this rubric looks up indicator \"%s\" by name, but the report's indicator table has no such row; what uses it is computed without that row") \
  ZH("报告中的事实「%s」未被本规则读取（是否应为「%s」？）", \
     "the report's fact \"%s\" is not read by this rubric (did you mean \"%s\"?)") \
  ZH("、", \
     ", ") \
  ZH("报告中有 %zu 项事实未被本规则读取：%s 等", \
     "facts of the report this rubric does not read (%zu): %s and others") \
  ZH("报告中有 %zu 项事实未被本规则读取：%s", \
     "facts of the report this rubric does not read (%zu): %s") \
  ZH("自评分「%s」（%s 分）指向按指标行生成的项目，该项以指标表中的得分为准，此处的自评分未参与比较", \
     "self score \"%s\" (%s points) names an item generated from an indicator row, which takes its self score from the table; this one was not compared") \
  ZH("自评分「%s」（%s 分）对不上本规则的任何项目，未参与比较（是否应为「%s」？）", \
     "self score \"%s\" (%s points) matches no item of this rubric and was not compared (did you mean \"%s\"?)") \
  ZH("自评分「%s」（%s 分）对不上本规则的任何项目，未参与比较", \
     "self score \"%s\" (%s points) matches no item of this rubric and was not compared") \
  ZH("%s：%s", \
     "%s: %s") \
  ZH("%s：实际完成值「%s」未写单位，按目标「%s」的单位读作 %s", \
     "%s: the actual \"%s\" has no unit; read in the unit of the target \"%s\" as %s") \
  ZH("（缺失）", \
     "(missing)") \
  ZH("缺少实际完成值", \
     "the actual is missing") \
  ZH("缺少目标值", \
     "the target is missing") \
  ZH("目标与实际一个是日期、一个不是", \
     "one of target and actual is a date and the other is not") \
  ZH("目标或实际值不是数值，无法按定量规则计分", \
     "the target or the actual is not a number, so a quantitative rule cannot score it") \
  ZH("%s：目标「%s」，实际「%s」，%s，按 0 分计，需人工复核", \
     "%s: target \"%s\", actual \"%s\": %s; scored 0, to be reviewed by hand") \
  ZH("%s：%s → 0", \
     "%s: %s → 0") \
  ZH("%s：目标 %s，实际 %s，应得 %s 分（%s），自评未扣分", \
     "%s: target %s, actual %s, earns %s points (%s); the self score took off nothing") \
  ZH("%s：目标 %s，实际 %s，应得 %s 分（%s）", \
     "%s: target %s, actual %s, earns %s points (%s)") \
  ZH("%s ≤ %s，得满分 %s", \
     "%s ≤ %s, full marks %s") \
  ZH("目标为 %s，按满分 %s", \
     "the target is %s: full marks %s") \
  ZH("%s 不晚于 %s → %s", \
     "%s is not later than %s → %s") \
  ZH("%s 晚于 %s → %s", \
     "%s is later than %s → %s") \
  ZH("%s：扣 %s × %s = %s 分（扣完为止），得 %s 分", \
     "%s: %s × %s = %s points deducted (down to 0 at most), scores %s") \
  ZH("%s：扣 %s × %s = %s 分，得 %s 分", \
     "%s: %s × %s = %s points deducted, scores %s") \
  ZH("%s：没有自评分，按该档上限 %s 分计", \
     "%s: no self score; scored at the top of its tier, %s points") \
  ZH("定性档次 [%s, %s]，无自评分，取上限 %s", \
     "qualitative tier [%s, %s], no self score: its top, %s") \
  ZH("%s：自评分 %s 不在该档次区间 [%s, %s] 内，按 %s 分计", \
     "%s: the self score %s lies outside its tier [%s, %s]; scored %s") \
  ZH("定性档次 [%s, %s]，自评 %s → %s", \
     "qualitative tier [%s, %s], self score %s → %s") \
  ZH("不适用（按百分制折算）", \
     "not applicable (the other items are rescaled to the full weight)") \
  ZH("[%u 项]", \
     "[%u items]") \
  ZH("自评 %s 分，复核 %s 分，相差 %s 分", \
     "self score %s, recomputed %s, difference %s") \
  ZH("自评分 %s 超过本规则分配的分值 %s（表中该行分值不同）", \
     "self score %s exceeds the weight (分值) %s this rubric gives the item (the table's weight for the row is different)") \
  ZH("自评分 %s 超过本规则分配的分值 %s（表中未列该行分值）", \
     "self score %s exceeds the weight (分值) %s this rubric gives the item (the table gives the row no weight)") \
  ZH("自评分 %s 超过该项分值 %s", \
     "self score %s exceeds the item's weight (分值) %s") \
  ZH("各分项自评分合计 %s，与所报自评分 %s 不符", \
     "the parts' self scores add up to %s, not to the reported self score %s") \
  ZH("自评总分 %s 分与复核总分 %s 分相差 %s 分，其中逐项差异合计 %s 分，其余 %s 分无法由逐项差异说明：按各项自评分（未列自评分的项按满分计）合计应为 %s 分，而报告的自评总分为 %s 分", \
     "the self total %s and the recomputed total %s differ by %s; the items' own differences make %s of it, and the other %s no item explains: the items' self scores (full marks where none is given) add up to %s, but the report's self total is %s") \
  ZH("；未被本规则计分的指标行在表中共 %s 分", \
     "; indicator rows this rubric does not score carry %s points in the table") \
  ZH("；部分项目不适用，总分按百分制折算", \
     "; some items do not apply, and the total is rescaled to the full weight") \
  ZH("报告中没有属于「%s」的指标行，该部分不适用，上级按百分制折算", \
     "the report has no indicator row under \"%s\": the part does not apply, and the part above it is rescaled to its full weight") \
  ZH("%s = %s（%s）", \
     "%s = %s (%s)") \
  ZH("%s：得 %s 分，分值 %s 分（%s）", \
     "%s: scores %s of its weight (分值) %s (%s)") \
  ZH("%s：得 %s 分，分值 %s 分", \
     "%s: scores %s of its weight (分值) %s") \
  ZH("得分 %s 超过该项分值 %s", \
     "the score %s exceeds the item's weight (分值) %s") \
  ZH("%u 行中有 %u 行未列分值（如「%s」），表中所列分值未采用，按规则分配", \
     "%u rows, of which %u without a weight (分值), such as \"%s\": the table's weights are not used; the rubric splits the weight") \
  ZH("各行分值合计 %s，与规则所定分值 %s 不符，按比例折算为 %s 分", \
     "the rows' weights (分值) add up to %s, not to the rubric's weight %s; rescaled in proportion to %s points") \
  ZH("各行分值合计 %s，与规则所定分值 %s 不符，按表中分值合计 %s 计", \
     "the rows' weights (分值) add up to %s, not to the rubric's weight %s; the table's total %s is used") \
  ZH("空文本", \
     "empty text") \
  ZH("是", \
     "yes") \
  ZH("否", \
     "no") \
  ZH("报告缺少「%s」，按规则取 %s", \
     "the report lacks \"%s\"; the rubric's default is taken: %s") \
  ZH("报告缺少「%s」，无法核实，取自评分 %s 分", \
     "the report lacks \"%s\", so the score cannot be verified; the self score, %s points, is taken") \
  ZH("报告缺少「%s」，无法核实，按满分计 %s 分", \
     "the report lacks \"%s\", so the score cannot be verified; scored at full marks, %s points") \
  ZH("自评分（数据缺失，未核实）", \
     "the self score (data missing, not verified)") \
  ZH("满分（数据缺失，未核实）", \
     "full marks (data missing, not verified)") \
  ZH("检查「%s」未通过：%s", \
     "check \"%s\" failed: %s") \
  ZH("检查「%s」未通过", \
     "check \"%s\" failed") \
  ZH("报告文件不是 UTF-8 编码，已按 GB18030（GBK）转换后读取", \
     "the report file is not UTF-8; it was read as GB18030 (GBK) and converted") \
  ZH("（是否应为「%s」？）", \
     " (did you mean \"%s\"?)") \
  ZH("报告格式 v1 没有「%s」这一列（%s 列），此列未读取%s", \
     "report format v1 has no column \"%s\" (column %s); the column is not read%s") \
  ZH("第 %zu 列（%s 列）没有表头，此列未读取", \
     "column %zu (%s) has no header; the column is not read") \
  ZH("实际完成值", \
     "actual") \
  ZH("分值", \
     "weight") \
  ZH("得分", \
     "self score") \
  ZH("，", \
     ", ") \
  ZH("第 %d 行没有三级指标名称，未读取（%s）", \
     "row %d has no indicator name (三级指标) and is not read (%s)") \
  ZH("第 %d 行只有 %zu 格，到%s列之前就结束了，这些格按空白读取", \
     "row %d has only %zu cells and stops short of %s; those cells are read as blank") \
  ZH("第 %d 行只有 %zu 格，到%s列之前就结束了，未读取", \
     "row %d has only %zu cells and stops short of %s; the row is not read") \
  ZH("报告格式 v1 没有这个字段，未读取（是否应为「%s」？）", \
     "report format v1 has no such member; it is not read (did you mean \"%s\"?)") \
  ZH("报告格式 v1 没有这个字段，未读取", \
     "report format v1 has no such member; it is not read") \
  ZH("没有找到指标表（表头含「三级指标」的表格），报告只含正文中的数字", \
     "no indicator table was found (a table whose header has 三级指标); the report holds only the figures of the text") \
  ZH("%s「%s」按 %s 读取（PDF 提取损坏了小数点）：请核对原件", \
     "%s \"%s\" read as %s (the PDF extraction damaged the decimal point): check against the original") \
  ZH("年度资金总额一行：年初预算数 %s、全年预算数 %s、全年执行数 %s，执行率 %s，得分 %s 作为自评分读取（预算执行率 › 预算执行率）", \
     "the row of annual funds (年度资金总额): initial budget (年初预算数) %s, full-year budget (全年预算数) %s, full-year spending (全年执行数) %s, execution rate %s; the score %s is read as the self score (预算执行率 › 预算执行率)") \
  ZH("年度资金总额一行有 %zu 个数字，与模板的 6 栏（年初预算数、全年预算数、全年执行数、分值、执行率、得分）对不上，未读取：请对照原件补录", \
     "the row of annual funds (年度资金总额) has %zu numbers, which do not fit the template's 6 columns (年初预算数, 全年预算数, 全年执行数, 分值, 执行率, 得分); not read: enter them from the original") \
  ZH("这一行另有金额 %s（转移支付至下级），预算只取第一栏 %s", \
     "this row has another amount, %s (transfers to lower levels); the budget takes the first column only, %s") \
  ZH("预算表的数字按模板顺序读取：年初预算数 %s、全年预算数 %s、全年执行数 %s，执行率 %s，得分 %s 作为自评分（预算执行率 › 预算执行率）：请核对", \
     "the budget table's numbers are read in the template's order: initial budget (年初预算数) %s, full-year budget (全年预算数) %s, full-year spending (全年执行数) %s, execution rate %s, and the score %s as the self score (预算执行率 › 预算执行率): check them") \
  ZH("「%s」的金额「%.*s」按 %s 读取（PDF 提取损坏了小数点）：请核对原件", \
     "the amount of \"%s\", \"%.*s\", read as %s (the PDF extraction damaged the decimal point): check against the original") \
  ZH("预算明细 %zu 条取自第 %d 行起的资金表", \
     "budget lines (%zu) taken from the table of funds starting at line %d") \
  ZH("预算明细的金额按 %s 读取（PDF 提取损坏了小数点）：请核对原件", \
     "a budget line's amount read as %s (the PDF extraction damaged the decimal point): check against the original") \
  ZH("预算明细 %zu 条取自正文：「%.*s%s」", \
     "budget lines (%zu) taken from the text: \"%.*s%s\"") \
  ZH("报告没有写明评价年度，按正文中最常出现的年份读作 %d 年：请核对", \
     "the report does not state the year evaluated; read as %d, the year the text names most often: check it") \
  ZH("自评等级「%s」取自正文：「%s」", \
     "self grade \"%s\" taken from the text: \"%s\"") \
  ZH("执行率 %s%% 取自正文：「%s」", \
     "execution rate %s%% taken from the text: \"%s\"") \
  ZH("自评总分 %s 取自正文：「%s」", \
     "self total %s taken from the text: \"%s\"") \
  ZH("%s %s 取自正文：「%s」", \
     "%s %s taken from the text: \"%s\"") \
  ZH("自评总分 %s 取自得分表的总分一行", \
     "self total %s taken from the total row of the score table") \
  ZH("这一行与下一行在 PDF 提取时连在一起（指标值「%s」、名称「%s」），已按 %zu 行拆开：请核对", \
     "this row and the next ran together in the PDF extraction (target \"%s\", names \"%s\"); split into %zu rows: check them") \
  ZH("指标值", \
     "target") \
  ZH("三级指标", \
     "indicator name (三级指标)") \
  ZH("单元格", \
     "cell") \
  ZH("分值「%s」是负数，分值不能为负，未读取：请核对原件", \
     "the weight (分值) \"%s\" is negative, which a weight cannot be; not read: check against the original") \
  ZH("%s「%s」不是数字，未作为%s读取", \
     "%s \"%s\" is not a number; not read as the %s") \
  ZH("%s%s%s「%s」", \
     "%s%s%s \"%s\"") \
  ZH("%s「%s」中的空格是 PDF 换行留下的，已删除，读作「%s」", \
     "the spaces in %s \"%s\" are left by the PDF's line breaks; removed, read as \"%s\"") \
  ZH("「%s」的一级指标按其二级指标「%s」读作「%s」（排版上读作「%s」）：请核对", \
     "the level 1 indicator (一级指标) of \"%1$s\" is read as \"%3$s\" by its level 2 indicator \"%2$s\" (the layout reads \"%4$s\"): check it") \
  ZH("%s 这一行没有三级指标名称，未作为指标读取（%s）", \
     "a row under \"%s\" has no indicator name (三级指标); not read as an indicator (%s)") \
  ZH("这一行没有三级指标名称，未作为指标读取（%s）", \
     "this row has no indicator name (三级指标); not read as an indicator (%s)") \
  ZH("这一行读不出三级指标名称，未作为指标读取（%s）：请对照原件补录", \
     "no indicator name (三级指标) could be read in this row; not read as an indicator (%s): enter it from the original") \
  ZH("「%s」没有指标值和实际完成值，其得分 %s 作为自评分读取（%s%s%s）", \
     "\"%s\" has no target and no actual: its score %s is read as a self score (%s%s%s)") \
  ZH("「%s」没有指标值、实际完成值和得分，未作为指标读取（%s）", \
     "\"%s\" has no target, actual or score; not read as an indicator (%s)") \
  ZH("「%s」只有名称，没有指标值、实际完成值和分值，未作为指标读取：请对照原件", \
     "\"%s\" has a name only, no target, actual or weight; not read as an indicator: check against the original") \
  ZH("指标「%s」读不出指标值，按没有指标值读取：请对照原件", \
     "no target could be read for indicator \"%s\"; read without a target: check against the original") \
  ZH("数字「%s」按 %s 读取（PDF 提取损坏了小数点）：请核对原件", \
     "the number \"%s\" read as %s (the PDF extraction damaged the decimal point): check against the original") \
  ZH("这些单元格凑不成完整的一行（%s），未作为指标读取：请对照原件补录", \
     "these cells make no whole row (%s); not read as an indicator: enter it from the original") \
  ZH("这一行的三级指标名称在 pdftotext 的输出中排在别处（第 %d 行「%s」），按顺序配给这一行：请对照原件核对", \
     "this row's indicator name (三级指标) stands elsewhere in pdftotext's output (line %d, \"%s\") and was given to this row by order: check against the original") \
  ZH("「%s」在指标表里，但配不上任何一行，未读取：请对照原件", \
     "\"%s\" is in the indicator table but fits no row; not read: check against the original") \
  ZH("%s一栏的「%s」不是指标名称（像是识别错误），未读取", \
     "in the %s column, \"%s\" is not an indicator name (it looks misread); not read") \
  ZH("指标值一列的表头没有读出，按位置（实际完成值的前一列，第 %zu 列）读取：请核对", \
     "the header of the target column (指标值) could not be read; read by position (the column before the actual, column %zu): check it") \
  ZH("第 %zu 栏的「%s」不在表头的任何一列之下，未读取", \
     "\"%2$s\" in field %1$zu lies under no column of the header; not read") \
  ZH("表格中的「%s」是页面的标题或页码，未读取", \
     "\"%s\" in the table is a page's heading or number; not read") \
  ZH("指标表的表头之后没有找到分值或得分，读不出指标行", \
     "no weight (分值) or score (得分) was found after the indicator table's header; no indicator row can be read") \
  ZH("「%s」在指标表各列的左边，不属于任何一列，未读取", \
     "\"%s\" lies left of the indicator table's columns and belongs to none; not read")
