//! Arrow in ([`to_rust`]: tables of actuals and facts) and out ([`to_py`]: the
//! summary table), through the Arrow PyCapsule interface.

pub mod to_py;
pub mod to_rust;
