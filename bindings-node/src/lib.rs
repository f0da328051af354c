//! attain for node (work in progress).
