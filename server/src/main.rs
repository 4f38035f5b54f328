//! `kopru`: the Köprü server binary and its commands.

use axum::serve::ListenerExt;
use clap::{Parser, Subcommand};
use server::{config::Config, db, leptos_options, router, seed, state};
use std::io::Read;
use std::net::SocketAddr;
use tracing_subscriber::EnvFilter;

/// mimalloc: a page render allocates and frees thousands of small strings, and
/// the profile of the search page under load spent a fifth of its time in glibc's malloc.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(name = "kopru", about = "Köprü — the Uzbekistan–Türkiye labour-migration portal")]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the site (the default).
    Serve,
    /// Apply pending database migrations and exit.
    Migrate,
    /// Create an admin account; the password is read from standard input.
    CreateAdmin {
        #[arg(long)]
        email: String,
        #[arg(long, default_value = "Administrator")]
        name: String,
    },
    /// Fill the database with a believable demo world. The first run adds
    /// `--vacancies` published vacancies (default 300); later runs add only
    /// what `--vacancies` asks for explicitly.
    SeedDemo {
        #[arg(long)]
        vacancies: Option<usize>,
    },
    /// Queue the reminders that are due now (checklist due dates) and exit;
    /// `serve` does it every `KOPRU_REMINDER_MINUTES` by itself.
    Remind,
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    let config = Config::from_env()?;
    init_logging(&config);

    let db = db::connect(&config.database_url).await?;
    db::migrate(&db).await?;
    let state = state(&config, db);
    // Passports sealed before each key had its one use: bound to their row now.
    match app::profiles::service::reseal_legacy(&state.db, &state.keys).await {
        Ok(0) => {}
        Ok(n) => tracing::info!(profiles = n, "passport numbers re-sealed"),
        Err(e) => anyhow::bail!("re-sealing passport numbers failed: {}", e.key()),
    }

    match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => serve(config, state).await,
        Command::Migrate => {
            println!("migrations applied");
            Ok(())
        }
        Command::CreateAdmin { email, name } => {
            let mut password = String::new();
            std::io::stdin().read_to_string(&mut password)?;
            let password = password.trim_end_matches(['\r', '\n']);
            match app::accounts::service::create_staff_account(
                &state,
                app::accounts::Role::Admin,
                &name,
                &email,
                password,
                "uz",
            )
            .await
            {
                Ok(u) => {
                    println!("admin account {} created (id {})", u.email.unwrap_or_default(), u.id);
                    Ok(())
                }
                Err(e) => anyhow::bail!("could not create the admin account: {}", e.key()),
            }
        }
        Command::Remind => {
            let n = server::reminders::run_once(&state.db, chrono::Utc::now()).await;
            println!("{n} reminders queued");
            Ok(())
        }
        Command::SeedDemo { vacancies } => {
            use sea_orm::{EntityTrait, PaginatorTrait};
            // The demo accounts (an admin among them) share one published password.
            if config.production {
                anyhow::bail!(
                    "seed-demo creates accounts with a published password: it runs only with KOPRU_ENV=development"
                );
            }
            let first = app::companies::entity::Entity::find().count(&state.db).await? == 0;
            let n = vacancies.unwrap_or(if first { 300 } else { 0 });
            let s = seed::seed_world(&state, n).await.map_err(|e| anyhow::anyhow!("seed failed: {}", e.key()))?;
            println!(
                "demo world: {} new accounts, {} new vacancies, {} new applications, {} new cases; password {:?}\n{}",
                s.accounts,
                s.vacancies,
                s.applications,
                s.cases,
                seed::DEMO_PASSWORD,
                seed::describe()
            );
            println!("demo certificates (check them at /certificates/verify):\n{}", s.certificates.join("\n"));
            Ok(())
        }
    }
}

fn init_logging(config: &Config) {
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,sea_orm=warn"));
    if config.log_json {
        tracing_subscriber::fmt().json().with_current_span(true).with_env_filter(filter).init();
    } else {
        tracing_subscriber::fmt().with_env_filter(filter).init();
    }
}

async fn serve(config: Config, state: app::state::AppState) -> anyhow::Result<()> {
    let options = leptos_options();
    let addr = options.site_addr;
    let app = router(&config, state.clone(), options);
    // Outgoing SMS, e-mail and Telegram messages (`server::outbox`): a wrong transport setting stops the start.
    let outbox = server::outbox::spawn_worker(state.clone(), server::outbox::OutboxConfig::from_env()?);
    // Reminders before due dates (`server::reminders`), into the outbox; a wrong interval stops the start.
    let every = server::reminders::interval_from(std::env::var("KOPRU_REMINDER_MINUTES").ok().as_deref())?;
    let reminders = server::reminders::spawn(state.db.clone(), every);

    // Expired sessions are removed and due vacancies closed every 15 minutes; the work is idempotent, so several
    // instances sharing one database may all do it.
    let db = state.db.clone();
    let uploads = state.uploads.clone();
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(std::time::Duration::from_secs(900));
        loop {
            tick.tick().await;
            if let Err(e) = app::accounts::service::purge(&db).await {
                tracing::warn!(error = e.key(), "purging old codes and devices failed");
            }
            if let Ok(n) = app::accounts::session::purge_expired(&db).await {
                if n > 0 {
                    tracing::info!(sessions = n, "expired sessions removed");
                }
            }
            // Uploaded files that no row names (a post refused after its files were kept) go after an hour.
            let _ = app::documents::service::sweep_orphans(&db, &uploads, std::time::Duration::from_secs(3600)).await;
            match app::vacancies::service::close_expired(&db, chrono::Utc::now().date_naive()).await {
                Ok(n) if n > 0 => {
                    tracing::info!(vacancies = n, "vacancies closed at their closing date or when filled")
                }
                _ => {}
            }
        }
    });

    // Nagle off on every connection: a response written in two pieces (headers,
    // body) must not wait for the client's delayed ACK (~40 ms a request).
    let listener = tokio::net::TcpListener::bind(addr).await?.tap_io(|tcp| {
        if let Err(e) = tcp.set_nodelay(true) {
            tracing::warn!(error = %e, "TCP_NODELAY not set");
        }
    });
    tracing::info!(%addr, "listening on http://{addr}");
    axum::serve(listener, app.into_make_service_with_connect_info::<SocketAddr>())
        .with_graceful_shutdown(shutdown_signal())
        .await?;
    outbox.abort();
    reminders.abort();
    tracing::info!("stopped");
    Ok(())
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
    tracing::info!("shutting down: finishing requests in flight");
}
