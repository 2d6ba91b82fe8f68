# Sourced by the scripts: tools on PATH, Trunk offline with binaryen's wasm-opt.
export PATH="$PWD/end2end/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export TRUNK_OFFLINE=true
export TRUNK_TOOLS_WASM_OPT=version_132
