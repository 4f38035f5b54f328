//! The stages of an application (F2.6) and who may move it where.
//!
//! submitted → screening → forwarded | rejected → interview → offer → accepted →
//! hired, or declined by the employer on the way; the migrant accepts an offer
//! (or declines it by withdrawing) and may withdraw until hired. Staff own
//! screening, forwarding and rejecting; the employer owns interview, offer,
//! hired and declined.

use crate::accounts::Role;
use crate::error::AppError;

crate::state_enum! {
    pub enum Stage {
        Submitted,
        Screening,
        Forwarded,
        Rejected,
        Interview,
        Offer,
        /// The migrant accepted the offer's terms.
        Accepted,
        Hired,
        Declined,
        Withdrawn,
    }
}

impl Stage {
    pub fn is_final(self) -> bool {
        matches!(self, Stage::Rejected | Stage::Hired | Stage::Declined | Stage::Withdrawn)
    }

    /// A refusal needs a reason that the migrant reads.
    pub fn needs_reason(self) -> bool {
        matches!(self, Stage::Rejected | Stage::Declined)
    }

    /// Has the employer been shown this application?
    pub fn visible_to_employer(self) -> bool {
        matches!(
            self,
            Stage::Forwarded | Stage::Interview | Stage::Offer | Stage::Accepted | Stage::Hired | Stage::Declined
        )
    }
}

/// Who owns the move `from → to`; `None` when no one may make it.
pub fn owner_of(from: Stage, to: Stage) -> Option<Role> {
    use Stage::*;
    match (from, to) {
        (Submitted, Screening) | (Screening, Forwarded) | (Screening, Rejected) => Some(Role::Staff),
        (Forwarded, Interview) | (Interview, Offer) | (Accepted, Hired) => Some(Role::Employer),
        (Forwarded | Interview | Offer | Accepted, Declined) => Some(Role::Employer),
        (Offer, Accepted) => Some(Role::Migrant),
        (f, Withdrawn) if !f.is_final() => Some(Role::Migrant),
        _ => None,
    }
}

/// Checks a move by a role. Admins act as staff. A reason is required for
/// refusals; everything else is `Forbidden` (wrong role) or `InvalidInput`
/// (a move that skips or reverses a stage).
pub fn check_move(role: Role, from: Stage, to: Stage, reason: Option<&str>) -> Result<(), AppError> {
    let Some(owner) = owner_of(from, to) else {
        return Err(AppError::InvalidInput);
    };
    let acting = if role == Role::Admin { Role::Staff } else { role };
    if acting != owner {
        return Err(AppError::Forbidden);
    }
    if to.needs_reason() && reason.map(str::trim).unwrap_or("").is_empty() {
        return Err(AppError::InvalidInput);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use Stage::*;

    /// Every allowed move, written out; every other pair is refused.
    const ALLOWED: &[(Stage, Stage, Role)] = &[
        (Submitted, Screening, Role::Staff),
        (Screening, Forwarded, Role::Staff),
        (Screening, Rejected, Role::Staff),
        (Forwarded, Interview, Role::Employer),
        (Interview, Offer, Role::Employer),
        (Offer, Accepted, Role::Migrant),
        (Accepted, Hired, Role::Employer),
        (Forwarded, Declined, Role::Employer),
        (Interview, Declined, Role::Employer),
        (Offer, Declined, Role::Employer),
        (Accepted, Declined, Role::Employer),
        (Submitted, Withdrawn, Role::Migrant),
        (Screening, Withdrawn, Role::Migrant),
        (Forwarded, Withdrawn, Role::Migrant),
        (Interview, Withdrawn, Role::Migrant),
        (Offer, Withdrawn, Role::Migrant),
        (Accepted, Withdrawn, Role::Migrant),
    ];

    #[test]
    fn every_pair_of_stages_for_every_role() {
        for from in Stage::all() {
            for to in Stage::all() {
                let owner = ALLOWED.iter().find(|(f, t, _)| *f == from && *t == to).map(|x| x.2);
                for role in Role::all() {
                    let got = check_move(role, from, to, Some("sabab"));
                    let acting = if role == Role::Admin { Role::Staff } else { role };
                    match owner {
                        None => assert_eq!(got, Err(AppError::InvalidInput), "{from:?}->{to:?} by {role:?}"),
                        Some(o) if o == acting => assert_eq!(got, Ok(()), "{from:?}->{to:?} by {role:?}"),
                        Some(_) => assert_eq!(got, Err(AppError::Forbidden), "{from:?}->{to:?} by {role:?}"),
                    }
                }
            }
        }
    }

    #[test]
    fn skipping_a_stage_is_refused() {
        assert_eq!(check_move(Role::Staff, Submitted, Forwarded, None), Err(AppError::InvalidInput));
        assert_eq!(check_move(Role::Employer, Forwarded, Offer, None), Err(AppError::InvalidInput));
        assert_eq!(check_move(Role::Employer, Interview, Hired, None), Err(AppError::InvalidInput));
        // Hiring waits for the migrant to accept the offer.
        assert_eq!(check_move(Role::Employer, Offer, Hired, None), Err(AppError::InvalidInput));
        assert_eq!(check_move(Role::Employer, Offer, Accepted, None), Err(AppError::Forbidden));
        assert_eq!(check_move(Role::Migrant, Hired, Withdrawn, None), Err(AppError::InvalidInput));
    }

    #[test]
    fn refusals_need_a_reason() {
        assert_eq!(check_move(Role::Staff, Screening, Rejected, None), Err(AppError::InvalidInput));
        assert_eq!(check_move(Role::Staff, Screening, Rejected, Some("  ")), Err(AppError::InvalidInput));
        assert_eq!(check_move(Role::Employer, Offer, Declined, Some("")), Err(AppError::InvalidInput));
        assert_eq!(check_move(Role::Staff, Screening, Forwarded, None), Ok(()));
    }

    #[test]
    fn stage_names_round_trip() {
        assert_eq!(Stage::all().count(), 10);
        for s in Stage::all() {
            assert_eq!(s.as_str().parse::<Stage>(), Ok(s));
        }
    }
}
