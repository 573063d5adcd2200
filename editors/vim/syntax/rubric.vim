" Vim syntax file
" Language: rubric (scoring tables of 预算绩效评价 reports)
" Files:    *.rubric
"
" The keyword lists below must name exactly the keywords of the scanner
" (grammar/rubric.l); tests/author/editors_keywords.py checks that they do.

if exists("b:current_syntax")
  finish
endif

" Chinese names are words, so that 'item' in 'item乙' is not a keyword.
syn iskeyword @,48-57,_,128-255

syn keyword rubricDeclaration rubric version total rounding at grades import native from symbol pure test
syn keyword rubricStorage     input fact missing default const fn let
syn keyword rubricScoring     section item each in where split check message weight step for round
syn keyword rubricConditional if then else
syn keyword rubricLogical     and or not
syn keyword rubricConstant    true false nil self

syn match   rubricNumber      "\<\d\+\%(\.\d\+\)\=\%(%\|％\|万元\|亿元\|元\)\="
syn match   rubricDate        "\<\d\{4}-\d\{2}-\d\{2}\>"
syn match   rubricOperator    "==\|!=\|<=\|>=\|[<>=≠≤≥×÷−＜＞＝›]"
syn match   rubricFunction    "\<\k\+\ze\s*[(（]"
syn match   rubricQuotedName  "`[^`]\+`"
syn match   rubricEscape      contained "\\."
syn region  rubricString      start=+"+ skip=+\\.+ end=+"+ end=+$+ contains=rubricEscape oneline
syn keyword rubricTodo        contained TODO FIXME XXX
syn match   rubricComment     "//.*$" contains=rubricTodo
syn match   rubricComment     "#.*$" contains=rubricTodo
syn region  rubricComment     start="/\*" end="\*/" contains=rubricTodo

hi def link rubricDeclaration Statement
hi def link rubricStorage     Type
hi def link rubricScoring     Keyword
hi def link rubricConditional Conditional
hi def link rubricLogical     Operator
hi def link rubricConstant    Constant
hi def link rubricNumber      Number
hi def link rubricDate        Number
hi def link rubricOperator    Operator
hi def link rubricFunction    Function
hi def link rubricQuotedName  Identifier
hi def link rubricEscape      SpecialChar
hi def link rubricString      String
hi def link rubricTodo        Todo
hi def link rubricComment     Comment

let b:current_syntax = "rubric"
