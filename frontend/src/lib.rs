//! The browser entry point: hydrates the server-rendered page. Asynchronously:
//! the staff, admin and employer pages are lazy routes whose WASM chunk is
//! fetched before their part of the page hydrates.

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    let _ = any_spawner::Executor::init_wasm_bindgen();
    leptos::task::spawn_local(async {
        let body = leptos::prelude::document().body().expect("a <body>");
        leptos::mount::hydrate_from_async(body, app::App).await.forget();
        // Marks the page as interactive (used by the end-to-end tests to wait for the WASM).
        if let Some(root) = leptos::prelude::document().document_element() {
            let _ = root.set_attribute("data-hydrated", "true");
        }
    });
}
