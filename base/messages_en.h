/*
** messages_en.h — printf formats written in English in the code
** (diagnostics: the compiler's, the reader's, the VM's and the command
** line's), with their Chinese: EN(english, chinese).  Included by
** base/messages.c only.  Keep each format exactly as written at its call
** site; tests/messages/check_catalogue.py finds them there.
*/
#define RB_MESSAGES_EN(EN) /* none yet */
