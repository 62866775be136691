// Bundled in place of iconv-lite (483 KB of code tables) in dist/features.js and dist/cli.js: the only users are
// body-parser and raw-body (through express, in the sandbox), which decode request bodies by their charset.
// SCIM bodies are JSON, which is UTF-8 (RFC 8259 §8.1); Node's TextDecoder still decodes every WHATWG encoding
// (UTF-16, ISO-8859-x, windows-125x, Shift_JIS, GBK, ...). An encoding it does not know gets iconv-lite's own
// error message, which raw-body turns into a 415.
'use strict';

function decoderFor(encoding) {
  try {
    return new TextDecoder(String(encoding).trim().toLowerCase());
  } catch {
    throw new Error(`Encoding not recognized: '${encoding}' (searched as: '${String(encoding).toLowerCase()}')`);
  }
}

exports.encodingExists = (encoding) => {
  try {
    decoderFor(encoding);
    return true;
  } catch {
    return false;
  }
};

exports.decode = (buffer, encoding) => decoderFor(encoding).decode(buffer);

exports.getDecoder = (encoding) => {
  const decoder = decoderFor(encoding);
  return {
    write: (chunk) => decoder.decode(chunk, { stream: true }),
    end: () => decoder.decode() || undefined,
  };
};
