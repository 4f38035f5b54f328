//! Skills certification with public verification (F3.2, F4.4).
