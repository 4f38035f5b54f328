//! Social-insurance contributions: insured periods, the estimate and claims (F3.4).
