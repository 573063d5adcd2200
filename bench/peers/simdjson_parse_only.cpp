// simdjson_parse_only.cpp — the floor under any program that reads these reports: parse every line
// of a JSON Lines file with simdjson (the fastest JSON parser Debian 12 packages, libsimdjson-dev
// 1.0) into its DOM and count the objects, scoring nothing.  Not a peer; bench/run.sh times it so
// the table shows how far rubric's whole run is from merely parsing the same file.
//
//   c++ -std=c++17 -O3 simdjson_parse_only.cpp -o simdjson_parse_only -lsimdjson
//   ./simdjson_parse_only < reports.jsonl       # prints the number of objects parsed
//
// One parser reused for every line (its buffers grow once), each line read with getline into a
// buffer with simdjson's padding, parsed in full (simdjson validates UTF-8 and the whole grammar,
// as rubric's reader does).
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <simdjson.h>
#include <string>

int main() {
  simdjson::dom::parser parser;
  std::string buf;
  char *line = nullptr;
  size_t cap = 0;
  ssize_t len;
  long parsed = 0;
  while ((len = getline(&line, &cap, stdin)) > 0) {
    if (line[len - 1] == '\n') len--;
    buf.assign(line, static_cast<size_t>(len));
    buf.append(simdjson::SIMDJSON_PADDING, '\0');
    simdjson::dom::element doc;
    if (parser.parse(buf.data(), static_cast<size_t>(len), false).get(doc) == simdjson::SUCCESS && doc.is_object())
      parsed++;
  }
  std::free(line);
  std::printf("%ld\n", parsed);
  return 0;
}
