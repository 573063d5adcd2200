# extract_example.awk include/rubric.h — the host program in the header's opening comment, as a C file.
# Code lines are "**" and five spaces, then the code; a bare "**" between them is a blank line; the first line of
# prose after the code, or the end of the comment, ends it.
/^\*\// { exit }
/^\*\*     / { for (; blanks > 0; blanks--) print ""; print substr($0, 8); started = 1; next }
/^\*\*$/ { if (started) blanks++; next }
{ if (started) exit }
