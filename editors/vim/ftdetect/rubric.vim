" rubric files: the scoring tables of 预算绩效评价 reports.
autocmd BufRead,BufNewFile *.rubric setfiletype rubric
