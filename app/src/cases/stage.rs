//! The stages of a case and who may move it where, per kind.
//!
//! Regularisation (F3.1): submitted → documents requested ⇄ documents submitted
//! → under review → decided (eligible or not, with the reason) → closed; staff
//! may ask for documents again while reviewing. Help, illegal-fee reports and
//! complaints (F3.3, F6.1, F6.5): submitted → under review → decided (resolved
//! or not, with the reason) → closed. Staff own every move but two: the migrant
//! sends the asked-for documents, and withdraws a case that is not yet decided.

use super::{CaseKind, Decision};
use crate::accounts::Role;
use crate::error::AppError;

crate::state_enum! {
    pub enum Stage {
        Submitted,
        /// Staff asked the migrant for documents.
        DocumentsRequested,
        /// The migrant sent them.
        DocumentsSubmitted,
        UnderReview,
        /// Staff decided, with the reason (and for regularisation the next steps).
        Decided,
        Closed,
        /// The migrant took the request back before a decision.
        Withdrawn,
    }
}

impl Stage {
    pub fn is_final(self) -> bool {
        matches!(self, Stage::Closed | Stage::Withdrawn)
    }

    /// Still waiting for a decision.
    pub fn is_open(self) -> bool {
        !matches!(self, Stage::Decided | Stage::Closed | Stage::Withdrawn)
    }

    /// Whose turn it is: the migrant's while documents are asked for, staff's otherwise.
    pub fn waits_for_migrant(self) -> bool {
        self == Stage::DocumentsRequested
    }
}

/// The stages a kind goes through, in order.
pub fn stages_of(kind: CaseKind) -> &'static [Stage] {
    use Stage::*;
    match kind {
        CaseKind::Regularisation | CaseKind::Claim => {
            &[Submitted, DocumentsRequested, DocumentsSubmitted, UnderReview, Decided, Closed, Withdrawn]
        }
        CaseKind::Help | CaseKind::FeeReport | CaseKind::Complaint => {
            &[Submitted, UnderReview, Decided, Closed, Withdrawn]
        }
    }
}

/// Who owns the move `from → to` of a case of `kind`; `None` when no one may make it.
pub fn owner_of(kind: CaseKind, from: Stage, to: Stage) -> Option<Role> {
    use Stage::*;
    let documents = matches!(kind, CaseKind::Regularisation | CaseKind::Claim);
    match (from, to) {
        (Submitted | DocumentsSubmitted | UnderReview, DocumentsRequested) if documents => Some(Role::Staff),
        (DocumentsRequested, DocumentsSubmitted) if documents => Some(Role::Migrant),
        (Submitted, UnderReview) => Some(Role::Staff),
        (DocumentsSubmitted, UnderReview) if documents => Some(Role::Staff),
        (UnderReview, Decided) => Some(Role::Staff),
        (Decided, Closed) => Some(Role::Staff),
        (f, Withdrawn) if f.is_open() && stages_of(kind).contains(&f) => Some(Role::Migrant),
        _ => None,
    }
}

/// The decisions a kind allows.
pub fn decisions_of(kind: CaseKind) -> &'static [Decision] {
    match kind {
        CaseKind::Regularisation => &[Decision::Eligible, Decision::NotEligible],
        // A claim is decided like help: resolved (paid or taken up by the
        // partner institution) or not; "eligible" reads as regularisation's.
        CaseKind::Help | CaseKind::FeeReport | CaseKind::Complaint | CaseKind::Claim => {
            &[Decision::Resolved, Decision::Unresolved]
        }
    }
}

/// Checks a move by a role. Admins act as staff. A move to `Decided` needs a
/// decision that fits the kind and a reason (the migrant reads it); no other
/// move carries a decision. `Forbidden` for a wrong role, `InvalidInput` for a
/// move that skips or reverses a stage.
pub fn check_move(
    role: Role,
    kind: CaseKind,
    from: Stage,
    to: Stage,
    decision: Option<Decision>,
    reason: Option<&str>,
) -> Result<(), AppError> {
    let Some(owner) = owner_of(kind, from, to) else {
        return Err(AppError::InvalidInput);
    };
    let acting = if role == Role::Admin { Role::Staff } else { role };
    if acting != owner {
        return Err(AppError::Forbidden);
    }
    match (to, decision) {
        (Stage::Decided, None) => return Err(AppError::ChoiceRequired.at("decision")),
        (Stage::Decided, Some(d)) if !decisions_of(kind).contains(&d) => return Err(AppError::InvalidInput),
        (Stage::Decided, Some(_)) if reason.map(str::trim).unwrap_or("").is_empty() => {
            return Err(AppError::ReasonRequired.at("reason"))
        }
        (Stage::Decided, Some(_)) => {}
        (_, Some(_)) => return Err(AppError::InvalidInput),
        (_, None) => {}
    }
    Ok(())
}

/// How long a stage may take before the case is overdue (staff's turn), or
/// how long the migrant has (documents asked for); `None` once nothing is due.
pub fn due_after(kind: CaseKind, stage: Stage, urgent: bool) -> Option<chrono::Duration> {
    use chrono::Duration;
    match stage {
        Stage::Submitted if urgent => Some(Duration::hours(4)),
        Stage::Submitted => Some(Duration::days(2)),
        Stage::DocumentsRequested => Some(Duration::days(30)),
        Stage::DocumentsSubmitted => Some(Duration::days(5)),
        Stage::UnderReview if urgent => Some(Duration::days(2)),
        Stage::UnderReview if kind == CaseKind::Regularisation => Some(Duration::days(20)),
        // A claim goes to the partner institution: a month.
        Stage::UnderReview if kind == CaseKind::Claim => Some(Duration::days(30)),
        Stage::UnderReview => Some(Duration::days(10)),
        Stage::Decided | Stage::Closed | Stage::Withdrawn => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Stage::*;

    /// Every allowed move of every kind, written out; every other pair is refused.
    fn allowed(kind: CaseKind) -> Vec<(Stage, Stage, Role)> {
        let mut moves = vec![
            (Submitted, UnderReview, Role::Staff),
            (UnderReview, Decided, Role::Staff),
            (Decided, Closed, Role::Staff),
            (Submitted, Withdrawn, Role::Migrant),
            (UnderReview, Withdrawn, Role::Migrant),
        ];
        if matches!(kind, CaseKind::Regularisation | CaseKind::Claim) {
            moves.extend([
                (Submitted, DocumentsRequested, Role::Staff),
                (DocumentsRequested, DocumentsSubmitted, Role::Migrant),
                (DocumentsSubmitted, DocumentsRequested, Role::Staff),
                (DocumentsSubmitted, UnderReview, Role::Staff),
                (UnderReview, DocumentsRequested, Role::Staff),
                (DocumentsRequested, Withdrawn, Role::Migrant),
                (DocumentsSubmitted, Withdrawn, Role::Migrant),
            ]);
        }
        moves
    }

    #[test]
    fn every_pair_of_stages_for_every_role_and_kind() {
        for kind in CaseKind::all() {
            let table = allowed(kind);
            for from in Stage::all() {
                for to in Stage::all() {
                    let owner = table.iter().find(|(f, t, _)| *f == from && *t == to).map(|x| x.2);
                    assert_eq!(owner_of(kind, from, to), owner, "{kind:?} {from:?}->{to:?}");
                    let decision = (to == Decided).then(|| decisions_of(kind)[0]);
                    for role in Role::all() {
                        let got = check_move(role, kind, from, to, decision, Some("sabab"));
                        let acting = if role == Role::Admin { Role::Staff } else { role };
                        match owner {
                            None => assert_eq!(got, Err(AppError::InvalidInput), "{kind:?} {from:?}->{to:?} {role:?}"),
                            Some(o) if o == acting => assert_eq!(got, Ok(()), "{kind:?} {from:?}->{to:?} {role:?}"),
                            Some(_) => assert_eq!(got, Err(AppError::Forbidden), "{kind:?} {from:?}->{to:?} {role:?}"),
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn every_stage_of_a_kind_is_reachable_from_submitted() {
        for kind in CaseKind::all() {
            let mut seen = vec![Submitted];
            let mut i = 0;
            while i < seen.len() {
                for to in Stage::all() {
                    if owner_of(kind, seen[i], to).is_some() && !seen.contains(&to) {
                        seen.push(to);
                    }
                }
                i += 1;
            }
            let mut want = stages_of(kind).to_vec();
            want.sort_by_key(|s| s.as_str());
            seen.sort_by_key(|s| s.as_str());
            assert_eq!(seen, want, "{kind:?}");
        }
    }

    #[test]
    fn a_decision_fits_its_kind_and_has_a_reason() {
        let r = Role::Staff;
        let reg = CaseKind::Regularisation;
        assert_eq!(
            check_move(r, reg, UnderReview, Decided, None, Some("x")),
            Err(AppError::ChoiceRequired.at("decision"))
        );
        assert_eq!(
            check_move(r, reg, UnderReview, Decided, Some(Decision::Resolved), Some("x")),
            Err(AppError::InvalidInput)
        );
        assert_eq!(
            check_move(r, reg, UnderReview, Decided, Some(Decision::Eligible), Some("  ")),
            Err(AppError::ReasonRequired.at("reason"))
        );
        assert_eq!(check_move(r, reg, UnderReview, Decided, Some(Decision::NotEligible), Some("Muddat")), Ok(()));
        assert_eq!(
            check_move(r, CaseKind::Help, UnderReview, Decided, Some(Decision::Eligible), Some("x")),
            Err(AppError::InvalidInput)
        );
        assert_eq!(check_move(r, CaseKind::Help, UnderReview, Decided, Some(Decision::Resolved), Some("x")), Ok(()));
        // No other move carries a decision.
        assert_eq!(
            check_move(r, reg, Submitted, UnderReview, Some(Decision::Eligible), None),
            Err(AppError::InvalidInput)
        );
    }

    #[test]
    fn help_has_no_document_stages() {
        for kind in [CaseKind::Help, CaseKind::FeeReport, CaseKind::Complaint] {
            assert_eq!(
                check_move(Role::Staff, kind, Submitted, DocumentsRequested, None, None),
                Err(AppError::InvalidInput)
            );
            assert_eq!(
                check_move(Role::Migrant, kind, DocumentsRequested, Withdrawn, None, None),
                Err(AppError::InvalidInput)
            );
        }
    }

    #[test]
    fn urgent_help_is_due_within_hours_and_nothing_is_due_once_decided() {
        assert_eq!(due_after(CaseKind::Help, Submitted, true), Some(chrono::Duration::hours(4)));
        assert!(due_after(CaseKind::Help, Submitted, false) > due_after(CaseKind::Help, Submitted, true));
        for kind in CaseKind::all() {
            for s in [Decided, Closed, Withdrawn] {
                assert_eq!(due_after(kind, s, false), None);
            }
            for s in stages_of(kind).iter().copied().filter(|s| s.is_open()) {
                assert!(due_after(kind, s, false).is_some(), "{kind:?} {s:?}");
            }
        }
    }

    #[test]
    fn a_claim_asks_for_documents_and_is_resolved_or_not() {
        let c = CaseKind::Claim;
        assert_eq!(stages_of(c), stages_of(CaseKind::Regularisation));
        assert_eq!(check_move(Role::Staff, c, Submitted, DocumentsRequested, None, None), Ok(()));
        assert_eq!(check_move(Role::Migrant, c, DocumentsRequested, DocumentsSubmitted, None, None), Ok(()));
        assert_eq!(check_move(Role::Migrant, c, DocumentsSubmitted, Withdrawn, None, None), Ok(()));
        assert_eq!(check_move(Role::Migrant, c, Decided, Withdrawn, None, None), Err(AppError::InvalidInput));
        assert_eq!(
            check_move(Role::Staff, c, UnderReview, Decided, Some(Decision::Eligible), Some("x")),
            Err(AppError::InvalidInput)
        );
        assert_eq!(check_move(Role::Staff, c, UnderReview, Decided, Some(Decision::Unresolved), Some("x")), Ok(()));
        assert_eq!(due_after(c, UnderReview, false), Some(chrono::Duration::days(30)));
    }

    #[test]
    fn stage_names_round_trip() {
        assert_eq!(Stage::all().count(), 7);
        for s in Stage::all() {
            assert_eq!(s.as_str().parse::<Stage>(), Ok(s));
        }
    }
}
