/*
** messages_zh.h — printf formats written in Chinese in the code (findings,
** report notes, explanations), with their English: ZH(chinese, english).
** Included by base/messages.c only.  Keep each format exactly as written at
** its call site; tests/messages/check_catalogue.py finds them there.
*/
#define RB_MESSAGES_ZH(ZH) /* none yet */
