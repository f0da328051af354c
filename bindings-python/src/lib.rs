//! attain for python (work in progress).
