/*
** json_parse_only.c — the floor under any json-c program: parse every line of a JSON Lines file
** with json-c and free it, scoring nothing.  Not a peer; bench/run.sh times it beside them so the
** table shows how much of each json-c program's time is json-c itself.
**
**   cc -std=c11 -O3 json_parse_only.c -o json_parse_only -ljson-c
**   ./json_parse_only [--like-rubric] < reports.jsonl       # prints the number of objects parsed
**
** Plain: one tokener, reset for each line, default flags (as bench/peers/gd_peer.c parses).
** --like-rubric: one tokener, reset for each line, with JSON_TOKENER_STRICT |
** JSON_TOKENER_VALIDATE_UTF8: the checks rubric's own reader (yajl, report/json_tree.c)
** makes, as json-c makes them.  (rubric read reports through json-c this way until it moved
** to yajl; the option keeps its name.)
*/
#define _POSIX_C_SOURCE 200809L
#include <json-c/json.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv) {
  bool like_rubric = argc > 1 && strcmp(argv[1], "--like-rubric") == 0;
  char *line = NULL;
  size_t cap = 0;
  ssize_t len;
  long parsed = 0;
  json_tokener *tok = json_tokener_new();
  if (like_rubric) json_tokener_set_flags(tok, JSON_TOKENER_STRICT | JSON_TOKENER_VALIDATE_UTF8);
  while ((len = getline(&line, &cap, stdin)) > 0) {
    json_tokener_reset(tok);
    json_object *o = json_tokener_parse_ex(tok, line, (int)len);
    parsed += o != NULL;
    json_object_put(o);
  }
  json_tokener_free(tok);
  free(line);
  printf("%ld\n", parsed);
  return 0;
}
