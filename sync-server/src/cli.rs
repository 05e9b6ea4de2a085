//! The command line: `serve` runs the API; `admin …` manages teams, accounts and devices
//! against the same database (safe while the server runs): the SQLite database in `--data DIR`
//! (the default, `./fieldbook-data`), or the PostgreSQL database `--database postgres://…` that
//! several server nodes share.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

use clap::{Parser, Subcommand};
use fieldbook_core::fidelity::FidelitySettings;
use fieldbook_core::model::Goals;

use crate::admin::AdminArgs;
use crate::app::AppState;
use crate::db::Location;
use crate::metrics::Metrics;
use crate::router::router;
use crate::service::Service;
use crate::{admin, demo, ServerError, ServerResult};

/// Fieldbook's sync server: phones enroll with a one-time code, then sync their job
/// seekers' plans and employer visits through it.
#[derive(Debug, Parser)]
#[command(name = "fieldbook-server", version, about, long_about = None)]
pub struct Cli {
    /// Directory holding the server's SQLite database [default: ./fieldbook-data].
    #[arg(long, global = true, env = "FIELDBOOK_DATA")]
    pub data: Option<PathBuf>,
    /// A PostgreSQL database instead, which several server nodes may share:
    /// postgres://USER:PASSWORD@HOST:PORT/DB (add ?sslmode=verify-full&sslrootcert=CA.pem
    /// for TLS; docs/adr/0008-postgresql.md).
    #[arg(
        long,
        global = true,
        env = "FIELDBOOK_DATABASE",
        hide_env_values = true
    )]
    pub database: Option<String>,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the sync API.
    ///
    /// Example: fieldbook-server serve --demo
    Serve(ServeArgs),
    /// Manage teams, accounts, enrollment codes and devices.
    Admin(AdminArgs),
    /// Print the default fidelity settings (TOML), to start a settings file from.
    FidelityDefaults,
}

#[derive(Debug, clap::Args)]
pub struct ServeArgs {
    /// Address to listen on (port 0 picks a free port; the chosen address is printed).
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub listen: SocketAddr,
    /// Seed a demo program (once) and print an enrollment code per demo user.
    #[arg(long)]
    pub demo: bool,
    /// PEM certificate chain: serve HTTPS.
    #[arg(long, requires = "tls_key")]
    pub tls_cert: Option<PathBuf>,
    /// PEM private key for --tls-cert.
    #[arg(long, requires = "tls_cert")]
    pub tls_key: Option<PathBuf>,
    /// TOML file of fidelity thresholds and goals (keys not given keep the scale's defaults;
    /// `fieldbook-server fidelity-defaults` prints them).
    #[arg(long)]
    pub fidelity_settings: Option<PathBuf>,
    /// A bearer token that may read /metrics from other machines (without one, only this
    /// machine may).
    #[arg(long, env = "FIELDBOOK_METRICS_TOKEN", hide_env_values = true)]
    pub metrics_token: Option<String>,
    /// PostgreSQL connections this node keeps open at most (every node counts against the
    /// database's `max_connections`).
    #[arg(long, env = "FIELDBOOK_DATABASE_POOL", default_value_t = crate::db::postgres::DEFAULT_POOL_SIZE)]
    pub database_pool: u32,
}

/// Connections an admin command uses.
const ADMIN_POOL: u32 = 2;

/// Where the data is: `--database` (PostgreSQL) or `--data` (SQLite), never both.
pub fn location(data: Option<PathBuf>, database: Option<String>) -> ServerResult<Location> {
    match (data, database) {
        (Some(dir), Some(url)) => Err(ServerError::invalid(
            "database",
            format!(
                "give --data {} (SQLite) or --database {} (PostgreSQL), not both",
                dir.display(),
                crate::db::postgres::redact(&url)
            ),
        )),
        (_, Some(url)) if !crate::db::postgres::is_url(&url) => Err(ServerError::invalid(
            "database",
            format!(
                "{} is not a PostgreSQL URL (postgres://USER@HOST/DB); for SQLite use --data DIR",
                crate::db::postgres::redact(&url)
            ),
        )),
        (_, Some(url)) => Ok(Location::Postgres(url)),
        (Some(dir), None) => Ok(Location::Sqlite(dir)),
        (None, None) => Ok(Location::Sqlite(PathBuf::from("./fieldbook-data"))),
    }
}

/// Opens the service over the database.
fn open_service(location: &Location, pool: u32) -> ServerResult<Service> {
    Service::new(location.open(pool)?)
}

/// The goals phones show, from the fidelity settings.
fn goals_of(settings: &FidelitySettings) -> Goals {
    Goals {
        weekly_face_to_face: settings.weekly_contact_goal,
        caseload_max: settings.caseload_size.bands[0].round() as u32,
        first_contact_days: settings.first_contact_days,
        entry_basis: settings.entry_basis,
    }
}

/// Runs a parsed command line.
///
/// TLS (the HTTPS listener, PostgreSQL connections) runs on the one provider built in.
pub fn run(cli: Cli) -> ServerResult<()> {
    fieldbook_core::install_crypto();
    match cli.command {
        Command::Serve(args) => serve(location(cli.data, cli.database)?, args),
        Command::FidelityDefaults => {
            print!("{}", FidelitySettings::default_toml());
            Ok(())
        }
        Command::Admin(args) => {
            let location = location(cli.data, cli.database)?;
            admin::run(
                &|| open_service(&location, ADMIN_POOL),
                args.command,
                args.json,
            )
        }
    }
}

fn serve(location: Location, args: ServeArgs) -> ServerResult<()> {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "info".into()),
        )
        .with_writer(std::io::stderr)
        .init();
    let settings = match &args.fidelity_settings {
        Some(path) => {
            let text = std::fs::read_to_string(path).map_err(|e| {
                ServerError::invalid("fidelity_settings", format!("{}: {e}", path.display()))
            })?;
            FidelitySettings::from_toml(&text)
                .map_err(|e| ServerError::invalid("fidelity_settings", e))?
        }
        None => FidelitySettings::default(),
    };
    let service = Arc::new(open_service(&location, args.database_pool)?);
    if service.goals()? != goals_of(&settings) {
        service.set_goals(goals_of(&settings))?;
    }
    warm_reports(service.clone());
    let runtime =
        tokio::runtime::Runtime::new().map_err(|e| ServerError::Internal(e.to_string()))?;
    runtime.block_on(async move {
        let listener = std::net::TcpListener::bind(args.listen)
            .map_err(|e| ServerError::invalid("listen", format!("{}: {e}", args.listen)))?;
        listener
            .set_nonblocking(true)
            .map_err(|e| ServerError::Internal(e.to_string()))?;
        let addr = listener
            .local_addr()
            .map_err(|e| ServerError::Internal(e.to_string()))?;
        let scheme = if args.tls_cert.is_some() {
            "https"
        } else {
            "http"
        };
        let url = format!("{scheme}://{addr}");
        if args.demo {
            let seeding = service.clone();
            let seed_url = url.clone();
            let accounts =
                tokio::task::spawn_blocking(move || demo::seed(seeding.as_ref(), &seed_url))
                    .await
                    .map_err(|e| ServerError::Internal(e.to_string()))??;
            println!("{}", demo::describe(&accounts, &url));
        }
        let state = AppState {
            service: service.clone(),
            metrics: Arc::new(Metrics::default()),
            settings: Arc::new(settings),
            tls: args.tls_cert.is_some(),
            metrics_token: args.metrics_token.filter(|t| !t.trim().is_empty()),
        };
        let app = router(state).into_make_service_with_connect_info::<SocketAddr>();
        println!(
            "Fieldbook sync server listening on {url} ({})",
            location.describe()
        );
        use std::io::Write;
        let _ = std::io::stdout().flush();
        match (args.tls_cert, args.tls_key) {
            (Some(cert), Some(key)) => {
                let config = axum_server::tls_rustls::RustlsConfig::from_pem_file(&cert, &key)
                    .await
                    .map_err(|e| {
                        ServerError::invalid("tls_cert", format!("{}: {e}", cert.display()))
                    })?;
                let handle = axum_server::Handle::new();
                let stopper = handle.clone();
                tokio::spawn(async move {
                    shutdown_signal().await;
                    stopper.graceful_shutdown(Some(std::time::Duration::from_secs(10)));
                });
                axum_server::from_tcp_rustls(listener, config)
                    .map_err(|e| ServerError::Internal(e.to_string()))?
                    .handle(handle)
                    .serve(app)
                    .await
                    .map_err(|e| ServerError::Internal(e.to_string()))
            }
            _ => {
                let listener = tokio::net::TcpListener::from_std(listener)
                    .map_err(|e| ServerError::Internal(e.to_string()))?;
                axum::serve(listener, app)
                    .with_graceful_shutdown(shutdown_signal())
                    .await
                    .map_err(|e| ServerError::Internal(e.to_string()))
            }
        }
    })?;
    tracing::info!("stopped");
    Ok(())
}

/// Builds every team's report in the background, so a supervisor's first page after a
/// restart is served from the cache instead of decoding the team's every document. Requests
/// are served meanwhile; one that comes first builds its own team's report as before.
fn warm_reports(service: Arc<Service>) {
    let spawned = std::thread::Builder::new()
        .name("warm-reports".into())
        .spawn(move || {
            let started = std::time::Instant::now();
            let teams = match service.teams() {
                Ok(teams) => teams,
                Err(e) => return tracing::warn!("reports not warmed: {e}"),
            };
            for team in &teams {
                if let Err(e) = service.team_report(team.id) {
                    tracing::warn!(team = %team.id, "report not warmed: {e}");
                }
            }
            tracing::info!(
                teams = teams.len(),
                ms = started.elapsed().as_millis() as u64,
                "reports warmed"
            );
        });
    if let Err(e) = spawned {
        tracing::warn!("reports not warmed: {e}");
    }
}

/// Resolves on Ctrl-C or SIGTERM: in-flight requests finish, new ones are refused.
async fn shutdown_signal() {
    let interrupt = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    tokio::select! {
        _ = interrupt => {},
        _ = terminate => {},
    }
    tracing::info!("shutting down");
}
