//! attain for wasm (work in progress).
