//! Transactions that hold on both databases (SSR only).
//!
//! SQLite lets one connection write at a time. A transaction that begins with
//! a read and then writes cannot wait for the lock: SQLite answers
//! `database is locked` at once (its busy timeout is not used then, since
//! waiting could deadlock, and in WAL mode a snapshot older than the last
//! commit cannot be written from). Under a burst of sign-ups that was a 500
//! for one request in ten. So every write transaction here takes the write
//! lock at its very start, as `BEGIN IMMEDIATE` would (sea-orm begins
//! transactions as `BEGIN`): its first statement is a write that touches no
//! row. That statement waits for the lock within the busy timeout, with a
//! fresh snapshot, and then nothing inside the transaction can be refused.
//! PostgreSQL needs none of it (row locks, and `filled` grows in one UPDATE).

use crate::error::AppError;
use sea_orm::{ConnectionTrait, DatabaseBackend, DatabaseTransaction, TransactionTrait};
use std::future::Future;
use std::pin::Pin;

/// Runs `work` in one transaction that holds the write lock from its start on
/// SQLite: committed when it returns `Ok`, rolled back otherwise.
pub async fn write<C, T, F>(db: &C, work: F) -> Result<T, AppError>
where
    C: TransactionTrait,
    T: Send,
    F: for<'c> FnOnce(&'c DatabaseTransaction) -> Pin<Box<dyn Future<Output = Result<T, AppError>> + Send + 'c>> + Send,
{
    let txn = db.begin().await?;
    take_write_lock(&txn).await?;
    match work(&txn).await {
        Ok(v) => {
            txn.commit().await?;
            Ok(v)
        }
        Err(e) => {
            txn.rollback().await?;
            Err(e)
        }
    }
}

/// On SQLite, a write that matches no row: it takes the database's write lock
/// (waiting for it within the busy timeout). A no-op elsewhere.
async fn take_write_lock(txn: &DatabaseTransaction) -> Result<(), AppError> {
    if txn.get_database_backend() == DatabaseBackend::Sqlite {
        txn.execute_unprepared("UPDATE users SET id = id WHERE 0").await?;
    }
    Ok(())
}
