//! Windows realities of shinkyu, checked by the tests in `tests/`.
