//! The matrix rows of the reminders server functions (included by `matrix.rs`):
//! staff keep a case's checklist (`cases::steps`).
#[allow(unused_imports)]
use super::*;
use app::cases::api::TickChecklist as Tick;
use app::cases::steps::{AddCaseStep, EditCaseStep, RemoveCaseStep};

/// Every reminders server function with a row in a test below.
pub const COVERED: &[&str] =
    &[<AddCaseStep as ServerFn>::PATH, <EditCaseStep as ServerFn>::PATH, <RemoveCaseStep as ServerFn>::PATH];

/// add_case_step, edit_case_step, remove_case_step: staff and admins, on any
/// migrant's case; the case's own migrant, another migrant and employers
/// (the rival too) are refused, and a refused call changes nothing. A step the
/// migrant ticked is no one's to change.
#[tokio::test]
async fn case_steps() {
    let m = mx().await;
    m.migrant
        .post_multipart(
            <OpenCase as ServerFn>::PATH,
            &[("kind", "help"), ("category", "housing"), ("summary", "Yotoqxona yoʻq.")],
            &[],
        )
        .await
        .ok();
    let case = m.count("SELECT MAX(id) FROM cases").await.to_string();
    let steps = || async { m.count("SELECT COUNT(*) FROM case_checklist").await };
    let due = ymd(6);

    // add_case_step.
    let mut rows = m.five([NOT_SIGNED_IN, FORBIDDEN, FORBIDDEN, OK, OK]);
    rows.extend([(&m.rival, FORBIDDEN), (&m.other_migrant, FORBIDDEN)]);
    for (actor, want) in rows {
        let before = steps().await;
        let r = actor
            .call::<AddCaseStep>(&[("case_id", case.as_str()), ("label", "Ijara shartnomasi"), ("due_on", &due)])
            .await;
        check("add_case_step", actor, &r, want);
        assert_eq!(steps().await, before + i64::from(want == OK), "{actor:?}");
    }
    let item = m.count(&format!("SELECT MIN(id) FROM case_checklist WHERE case_id = {case}")).await.to_string();
    let spare = m.count(&format!("SELECT MAX(id) FROM case_checklist WHERE case_id = {case}")).await.to_string();

    // edit_case_step.
    let label = || async { m.text(&format!("SELECT label FROM case_checklist WHERE id = {item}")).await.unwrap() };
    let mut rows = m.five([NOT_SIGNED_IN, FORBIDDEN, FORBIDDEN, OK, OK]);
    rows.extend([(&m.rival, FORBIDDEN), (&m.other_migrant, FORBIDDEN)]);
    for (actor, want) in rows {
        let before = label().await;
        let new = format!("Ijara shartnomasi ({})", actor.label());
        let r = actor.call::<EditCaseStep>(&[("item_id", item.as_str()), ("label", &new), ("due_on", &due)]).await;
        check("edit_case_step", actor, &r, want);
        assert_eq!(label().await, if want == OK { new } else { before }, "{actor:?}");
    }

    // remove_case_step (the spare step; the first stays for the ticked rows below).
    let mut rows = m.five([NOT_SIGNED_IN, FORBIDDEN, FORBIDDEN, OK, NOT_FOUND]);
    rows.extend([(&m.rival, FORBIDDEN), (&m.other_migrant, FORBIDDEN)]);
    for (actor, want) in rows {
        let before = steps().await;
        let r = actor.call::<RemoveCaseStep>(&[("item_id", spare.as_str())]).await;
        check("remove_case_step", actor, &r, want);
        assert_eq!(steps().await, before - i64::from(want == OK), "{actor:?}");
    }

    // Ticked by its migrant: staff and admins may neither change nor remove it.
    m.migrant.call::<Tick>(&[("item_id", item.as_str()), ("done", "true")]).await.ok();
    for (actor, want) in m.five([NOT_SIGNED_IN, FORBIDDEN, FORBIDDEN, INVALID, INVALID]) {
        let before = (label().await, steps().await);
        let r = actor.call::<EditCaseStep>(&[("item_id", item.as_str()), ("label", "Boshqa"), ("due_on", &due)]).await;
        check("edit_case_step (ticked)", actor, &r, want);
        let r = actor.call::<RemoveCaseStep>(&[("item_id", item.as_str())]).await;
        check("remove_case_step (ticked)", actor, &r, want);
        assert_eq!((label().await, steps().await), before, "{actor:?}");
    }

    // Rows that do not exist: staff learn "not found", the rest what they learn anyway.
    let missing = "999999";
    for (actor, want) in m.five([NOT_SIGNED_IN, FORBIDDEN, FORBIDDEN, NOT_FOUND, NOT_FOUND]) {
        let r = actor.call::<AddCaseStep>(&[("case_id", missing), ("label", "x"), ("due_on", &due)]).await;
        check("add_case_step (missing)", actor, &r, want);
        let r = actor.call::<EditCaseStep>(&[("item_id", missing), ("label", "x"), ("due_on", &due)]).await;
        check("edit_case_step (missing)", actor, &r, want);
        let r = actor.call::<RemoveCaseStep>(&[("item_id", missing)]).await;
        check("remove_case_step (missing)", actor, &r, want);
    }
}
