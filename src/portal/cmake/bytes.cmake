# Included by embed_assets.cmake and embed_files.cmake: a file's bytes as C++ array items.
# portal_file_bytes(PATH BYTES SIZE): BYTES = "0x..,0x..," (a line every 32 bytes), SIZE = their count.
function(portal_file_bytes path out_bytes out_size)
  file(READ "${path}" hex HEX)
  string(LENGTH "${hex}" hex_len)
  math(EXPR size "${hex_len} / 2")
  string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${hex}")
  # Break the single huge line every 32 bytes for the compiler's and editors' sake.
  string(REGEX REPLACE "((0x[0-9a-f][0-9a-f],){32})" "\\1\n" bytes "${bytes}")
  set(${out_bytes} "${bytes}" PARENT_SCOPE)
  set(${out_size} "${size}" PARENT_SCOPE)
endfunction()
