# cmake -DOUT=ru.json -DFILES="/path/ru.json;/path/plans.ru.json;..." -P i18n_bundle.cmake
# One language's translation files as one JSON object keyed by file name, downloaded by the page
# when the language is chosen (src/portal/client/i18n.cpp).
cmake_minimum_required(VERSION 3.20)
set(body "{")
set(sep "")
foreach(path IN LISTS FILES)
  get_filename_component(name "${path}" NAME)
  file(READ "${path}" text)
  string(APPEND body "${sep}\n\"${name}\": ${text}")
  set(sep ",")
endforeach()
string(APPEND body "}\n")
file(WRITE "${OUT}.tmp" "${body}")
file(RENAME "${OUT}.tmp" "${OUT}")
