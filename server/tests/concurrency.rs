//! Pages rendered at the same time never hang or panic. Two bugs did this:
//! the page title was a closure over the locale signal that leptos_meta read
//! after the request's reactive owner was gone (a panic in the render task, a
//! response that never ended), and generating the route list while other
//! pages rendered (every test server did it) lost their wake-ups.

mod common;
use common::TestApp;
use std::time::Duration;

const PAGES: [&str; 4] = ["/", "/signin", "/vacancies", "/privacy"];

async fn browse(anon: common::Actor, who: usize, n: usize) -> Result<(), String> {
    for i in 0..n {
        let path = PAGES[(i + who) % PAGES.len()];
        match tokio::time::timeout(Duration::from_secs(10), anon.page(path)).await {
            Ok(r) if r.status.is_success() => {}
            Ok(r) => return Err(format!("visitor {who}: {path} answered {}", r.status)),
            Err(_) => return Err(format!("visitor {who}: {path} hung (request {i})")),
        }
    }
    Ok(())
}

async fn all_ok(tasks: Vec<tokio::task::JoinHandle<Result<(), String>>>) {
    let mut failed = vec![];
    for t in tasks {
        match t.await {
            Ok(Err(e)) => failed.push(e),
            Err(e) => failed.push(format!("panic: {e}")),
            Ok(Ok(())) => {}
        }
    }
    assert!(failed.is_empty(), "{failed:?}");
}

/// Sixteen visitors at once on one server, as in production.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn sixteen_visitors_at_once() {
    let app = TestApp::new().await;
    let tasks = (0..16).map(|who| tokio::spawn(browse(app.anonymous(), who, 24))).collect();
    all_ok(tasks).await;
}

/// Servers starting while others render (what a test run does).
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn servers_starting_while_others_render() {
    let tasks = (0..6)
        .map(|who| {
            tokio::spawn(async move {
                let app = TestApp::new().await;
                browse(app.anonymous(), who, 12).await
            })
        })
        .collect();
    all_ok(tasks).await;
}
