//! Exchange with the Python data ecosystem (pyarrow, pandas, polars).

pub mod arrow;
