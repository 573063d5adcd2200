" rubric: comments and indentation for editing rubric files.
if exists("b:did_ftplugin")
  finish
endif
let b:did_ftplugin = 1

setlocal commentstring=//\ %s
setlocal comments=s1:/*,mb:*,ex:*/,://,:#
setlocal expandtab shiftwidth=2 softtabstop=2
" Chinese names are words: every character above ASCII may be part of a name.
setlocal iskeyword=@,48-57,_,128-255

let b:undo_ftplugin = "setlocal commentstring< comments< expandtab< shiftwidth< softtabstop< iskeyword<"
