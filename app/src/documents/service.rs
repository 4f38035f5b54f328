//! Documents' rows: written in the caller's transaction, listed per case, found
//! with their case's owner for the row check (SSR only).

use super::entity::document;
use super::{Document, Stored};
use crate::accounts::entity::user;
use crate::accounts::{Role, SessionUser};
use crate::error::AppError;
use sea_orm::*;
use std::path::Path;

/// The row of a stored file, of case `case_id` (and of one of its messages).
/// Called inside the caller's transaction, after its row checks; when that
/// transaction fails, the caller [`super::discard`]s the files.
pub async fn attach<C: ConnectionTrait>(
    db: &C,
    case_id: i32,
    message_id: Option<i32>,
    uploader: &SessionUser,
    stored: Stored,
) -> Result<i32, AppError> {
    let row = document::ActiveModel {
        case_id: Set(case_id),
        message_id: Set(message_id),
        uploader_user_id: Set(Some(uploader.id)),
        stored_name: Set(stored.stored_name),
        media_type: Set(stored.media_type),
        size_bytes: Set(stored.size_bytes),
        original_name: Set(stored.original_name),
        created_at: Set(chrono::Utc::now()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(row.id)
}

/// The documents of a case, oldest first. The caller has checked that the
/// reader may read the case ([`crate::authz::may_read_case`]): each of them is
/// then served to that reader too.
pub async fn list_for_case<C: ConnectionTrait>(db: &C, case_id: i32) -> Result<Vec<Document>, AppError> {
    let rows = document::Entity::find()
        .filter(document::Column::CaseId.eq(case_id))
        .order_by_asc(document::Column::Id)
        .all(db)
        .await?;
    let mut uploaders: Vec<i32> = rows.iter().filter_map(|r| r.uploader_user_id).collect();
    uploaders.sort_unstable();
    uploaders.dedup();
    let staff: Vec<i32> = if uploaders.is_empty() {
        Vec::new()
    } else {
        user::Entity::find()
            .select_only()
            .column(user::Column::Id)
            .filter(user::Column::Id.is_in(uploaders))
            .filter(user::Column::Role.is_in([Role::Staff, Role::Admin]))
            .into_tuple()
            .all(db)
            .await?
    };
    Ok(rows
        .into_iter()
        .map(|r| {
            let by_staff = r.uploader_user_id.is_some_and(|u| staff.contains(&u));
            r.into_view(by_staff)
        })
        .collect())
}

/// The owner (`cases.owner_user_id`) of a case.
pub async fn case_owner<C: ConnectionTrait>(db: &C, case_id: i32) -> Result<Option<i32>, AppError> {
    use crate::cases::entity::case;
    Ok(case::Entity::find_by_id(case_id)
        .select_only()
        .column(case::Column::OwnerUserId)
        .into_tuple::<i32>()
        .one(db)
        .await?)
}

/// One document and the owner of its case.
pub async fn find<C: ConnectionTrait>(db: &C, id: i32) -> Result<Option<(document::Model, i32)>, AppError> {
    let Some(doc) = document::Entity::find_by_id(id).one(db).await? else {
        return Ok(None);
    };
    Ok(case_owner(db, doc.case_id).await?.map(|owner| (doc, owner)))
}

/// Removes the files of the upload folder that no row names, once they are
/// older than `older_than` (a post refused after its files were stored, a
/// transaction that failed, a server stopped in between), and temporary files
/// left by an interrupted write. Returns how many were removed.
pub async fn sweep_orphans<C: ConnectionTrait>(
    db: &C,
    dir: &Path,
    older_than: std::time::Duration,
) -> Result<usize, AppError> {
    let dir = dir.to_path_buf();
    let listed =
        tokio::task::spawn_blocking(move || old_files(&dir, older_than)).await.map_err(|_| AppError::Internal)?;
    let (candidates, temporary) = match listed {
        Ok(found) => found,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(0),
        Err(e) => {
            tracing::warn!(error = %e, "upload folder not readable");
            return Err(AppError::Internal);
        }
    };
    let mut orphans: Vec<std::path::PathBuf> = temporary;
    for batch in candidates.chunks(500) {
        let names: Vec<String> = batch.iter().map(|(n, _)| n.clone()).collect();
        let known: Vec<String> = document::Entity::find()
            .select_only()
            .column(document::Column::StoredName)
            .filter(document::Column::StoredName.is_in(names))
            .into_tuple()
            .all(db)
            .await?;
        orphans.extend(batch.iter().filter(|(n, _)| !known.contains(n)).map(|(_, p)| p.clone()));
    }
    let removed =
        tokio::task::spawn_blocking(move || orphans.iter().filter(|p| std::fs::remove_file(p).is_ok()).count())
            .await
            .map_err(|_| AppError::Internal)?;
    if removed > 0 {
        tracing::info!(files = removed, "orphaned uploads removed");
    }
    Ok(removed)
}

type Found = (Vec<(String, std::path::PathBuf)>, Vec<std::path::PathBuf>);

/// The stored files and the temporary ones of `dir` last changed before `older_than` ago.
fn old_files(dir: &Path, older_than: std::time::Duration) -> std::io::Result<Found> {
    let cutoff = std::time::SystemTime::now() - older_than;
    let (mut stored, mut temporary) = (Vec::new(), Vec::new());
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let Ok(name) = entry.file_name().into_string() else { continue };
        let Ok(meta) = entry.metadata() else { continue };
        if !meta.is_file() || meta.modified().map_or(true, |m| m > cutoff) {
            continue;
        }
        if super::upload::is_stored_name(&name) {
            stored.push((name, entry.path()));
        } else if name.starts_with('.') && name.ends_with(".tmp") {
            temporary.push(entry.path());
        }
    }
    Ok((stored, temporary))
}

/// The bytes of a stored file. A row whose file is missing is the server's
/// fault (logged), not the reader's.
pub async fn read_file(dir: &Path, stored_name: &str) -> Result<Vec<u8>, AppError> {
    let path = super::upload::path_of(dir, stored_name).ok_or_else(|| {
        tracing::error!(file = stored_name, "a document row names a file the server did not make");
        AppError::Internal
    })?;
    let name = stored_name.to_string();
    tokio::task::spawn_blocking(move || std::fs::read(&path)).await.map_err(|_| AppError::Internal)?.map_err(|e| {
        tracing::error!(error = %e, file = %name, "document file not readable");
        AppError::Internal
    })
}
