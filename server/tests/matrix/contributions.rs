//! The matrix rows of the contributions server functions (included by `matrix.rs`).
#[allow(unused_imports)]
use super::*;
use app::contributions::api::{
    ClaimPeriods, ContributionRules, DeleteContributionPeriod, FileContributionsClaim, MyContributions,
    SaveContributionPeriod, SetContributionRules,
};

/// Every contributions server function with a row in a test below.
pub const COVERED: &[&str] = &[
    <MyContributions as ServerFn>::PATH,
    <SaveContributionPeriod as ServerFn>::PATH,
    <DeleteContributionPeriod as ServerFn>::PATH,
    <ContributionRules as ServerFn>::PATH,
    <SetContributionRules as ServerFn>::PATH,
    <FileContributionsClaim as ServerFn>::PATH,
    <ClaimPeriods as ServerFn>::PATH,
];

fn period(from: &str, to: &str) -> Vec<(&'static str, String)> {
    vec![
        ("employer_name", "Yıldız İnşaat Ltd.".into()),
        ("started_on", from.into()),
        ("ended_on", to.into()),
        ("wage", "40000".into()),
    ]
}

fn rules(agreement: &str) -> Vec<(&'static str, String)> {
    vec![
        ("employee_rate", "9".into()),
        ("employer_rate", "11".into()),
        ("floor", "true".into()),
        ("ceiling", "9".into()),
        ("reclaim_share", "100".into()),
        ("agreement", agreement.into()),
        ("in_force_on", ymd(-5)),
        ("reminder_days", "90".into()),
    ]
}

/// Periods: migrants only, each on their own rows (another's: not found).
/// Rules: staff and admins. Claims: verified migrants once in force; their
/// copies for the owner and staff only.
#[tokio::test]
async fn contributions() {
    let m = mx().await;
    let periods_of = |a: &Actor| format!("SELECT COUNT(*) FROM contribution_periods WHERE user_id = {}", a.id());

    for (actor, want) in m.five([NOT_SIGNED_IN, OK, FORBIDDEN, FORBIDDEN, FORBIDDEN]) {
        let r = actor.call::<SaveContributionPeriod>(&period("2026-03-01", "2026-03-31")).await;
        check("save_contribution_period", actor, &r, want);
        if actor.account().is_some() {
            assert_eq!(m.count(&periods_of(actor)).await, i64::from(want == OK), "{actor:?}");
        }
        let r = actor.get::<MyContributions>(NO_ARGS).await;
        check("my_contributions", actor, &r, want);
        if want == OK {
            assert_eq!(r.json()["periods"].as_array().unwrap().len(), 1);
        }
    }
    let id = m.count("SELECT MAX(id) FROM contribution_periods").await.to_string();
    let edit = {
        let mut f = period("2026-03-01", "2026-03-15");
        f.push(("period_id", id.clone()));
        f
    };
    // Not the owner: not found, nothing changed.
    let r = m.other_migrant.call::<SaveContributionPeriod>(&edit).await;
    check("save_contribution_period (not the owner)", &m.other_migrant, &r, NOT_FOUND);
    let r = m.other_migrant.call::<DeleteContributionPeriod>(&[("period_id", id.as_str())]).await;
    check("delete_contribution_period (not the owner)", &m.other_migrant, &r, NOT_FOUND);
    assert_eq!(m.count(&periods_of(&m.w.migrant)).await, 1);
    assert!(m.other_migrant.get::<MyContributions>(NO_ARGS).await.ok().json()["periods"]
        .as_array()
        .unwrap()
        .is_empty());

    // contribution_rules and set_contribution_rules: staff and admins.
    for (actor, want) in m.five([NOT_SIGNED_IN, FORBIDDEN, FORBIDDEN, OK, OK]) {
        let r = actor.get::<ContributionRules>(NO_ARGS).await;
        check("contribution_rules", actor, &r, want);
        let before = m.count("SELECT COUNT(*) FROM contribution_rules").await;
        let r = actor.call::<SetContributionRules>(&rules("negotiating")).await;
        check("set_contribution_rules", actor, &r, want);
        assert_eq!(m.count("SELECT COUNT(*) FROM contribution_rules").await, before + i64::from(want == OK));
    }

    // file_contributions_claim: refused to everyone while negotiating …
    let path = <FileContributionsClaim as ServerFn>::PATH;
    for (actor, want) in m.five([NOT_SIGNED_IN, Want::Refused("AgreementNotInForce"), FORBIDDEN, FORBIDDEN, FORBIDDEN])
    {
        let r = actor.post_multipart(path, &[("note", "")], &[]).await;
        check("file_contributions_claim (negotiating)", actor, &r, want);
    }
    assert_eq!(m.count("SELECT COUNT(*) FROM cases").await, 0);
    // … and to migrants only once in force.
    m.w.staff.call::<SetContributionRules>(&rules("inforce")).await.ok();
    for (actor, want) in m.five([NOT_SIGNED_IN, OK, FORBIDDEN, FORBIDDEN, FORBIDDEN]) {
        let r = actor.post_multipart(path, &[("note", "")], &[]).await;
        check("file_contributions_claim", actor, &r, want);
    }
    assert_eq!(m.count("SELECT COUNT(*) FROM cases WHERE kind = 'claim'").await, 1);
    let case = m.count("SELECT MAX(id) FROM cases").await.to_string();

    // claim_periods: the owner and staff; an employer and another migrant learn nothing.
    let mut rows = m.five([NOT_SIGNED_IN, OK, NOT_FOUND, OK, OK]);
    rows.extend([(&m.rival, NOT_FOUND), (&m.other_migrant, NOT_FOUND)]);
    for (actor, want) in rows {
        let r = actor.get::<ClaimPeriods>(&[("case_id", case.as_str())]).await;
        check("claim_periods", actor, &r, want);
        if want == OK {
            assert_eq!(r.json().as_array().unwrap().len(), 1, "{actor:?}");
        }
    }

    // delete_contribution_period: the owner only (the claim keeps its copy).
    for (actor, want) in m.five([NOT_SIGNED_IN, OK, FORBIDDEN, FORBIDDEN, FORBIDDEN]) {
        let r = actor.call::<DeleteContributionPeriod>(&[("period_id", id.as_str())]).await;
        check("delete_contribution_period", actor, &r, want);
    }
    assert_eq!(m.count("SELECT COUNT(*) FROM contribution_periods").await, 0);
    assert_eq!(m.count("SELECT COUNT(*) FROM claim_periods").await, 1);
}
