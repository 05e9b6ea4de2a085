//! The command line: `serve` runs the API; `admin …` manages teams, accounts and devices
//! against the same data directory (safe while the server runs).

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

use clap::{Parser, Subcommand};
use fieldbook_core::fidelity::FidelitySettings;
use fieldbook_core::ids::{DeviceId, SeekerId, TeamId, UserId};
use fieldbook_core::model::Role;

use crate::http::{router, AppState};
use crate::metrics::Metrics;
use crate::storage::SqliteStorage;
use crate::{admin, demo, ServerError, ServerResult};

/// Fieldbook's sync server: phones enroll with a one-time code, then sync their job
/// seekers' plans and employer visits through it.
#[derive(Debug, Parser)]
#[command(name = "fieldbook-server", version, about, long_about = None)]
pub struct Cli {
    /// Directory holding the server's database.
    #[arg(
        long,
        global = true,
        env = "FIELDBOOK_DATA",
        default_value = "./fieldbook-data"
    )]
    pub data: PathBuf,
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
}

#[derive(Debug, clap::Args)]
pub struct AdminArgs {
    /// Print JSON instead of text (stable field names, for scripts).
    #[arg(long, global = true)]
    pub json: bool,
    #[command(subcommand)]
    pub command: AdminCommand,
}

#[derive(Debug, Subcommand)]
pub enum AdminCommand {
    /// Teams: `team add NAME`, `team list`.
    #[command(subcommand)]
    Team(TeamCommand),
    /// Accounts: `user add …`, `user list`.
    #[command(subcommand)]
    User(UserCommand),
    /// Put a job seeker on a specialist's caseload.
    ///
    /// Example: fieldbook-server admin assign --seeker 5f0c… --specialist 9a1e… --replace
    Assign {
        #[arg(long)]
        seeker: SeekerId,
        #[arg(long)]
        specialist: UserId,
        /// Take the job seeker off every other specialist's caseload (their phones remove
        /// the record at their next sync).
        #[arg(long)]
        replace: bool,
    },
    /// Take a job seeker off a specialist's caseload.
    Unassign {
        #[arg(long)]
        seeker: SeekerId,
        #[arg(long)]
        specialist: UserId,
    },
    /// Make a one-time enrollment code for a user's new phone.
    ///
    /// Example: fieldbook-server admin enroll-code --user 9a1e… --ttl-hours 48
    EnrollCode {
        #[arg(long)]
        user: UserId,
        /// Hours until the code expires.
        #[arg(long, default_value_t = 72)]
        ttl_hours: i64,
    },
    /// List enrolled phones.
    Devices,
    /// Revoke a phone: it is refused from now on and erases its data at its next sync.
    Revoke {
        #[arg(long)]
        device: DeviceId,
    },
    /// The newest lines of the audit log.
    Audit {
        #[arg(long, default_value_t = 50)]
        limit: u32,
    },
}

#[derive(Debug, Subcommand)]
pub enum TeamCommand {
    /// Example: fieldbook-server admin team add "Riverbend IPS"
    Add {
        name: String,
    },
    List,
}

#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Example: fieldbook-server admin user add --team 3c2b… --name "Ana Ruiz" --role specialist
    Add {
        #[arg(long)]
        team: TeamId,
        #[arg(long)]
        name: String,
        /// specialist, supervisor, seeker or admin.
        #[arg(long, value_parser = parse_role)]
        role: Role,
        /// For a job seeker's account: the id of their record.
        #[arg(long)]
        seeker: Option<SeekerId>,
    },
    List,
    /// Give a supervisor or admin a web sign-in; the password is read from standard input.
    ///
    /// Example: echo 'a long passphrase' | fieldbook-server admin user password --user 9a1e… --login dana
    Password {
        #[arg(long)]
        user: UserId,
        #[arg(long)]
        login: String,
    },
}

fn parse_role(s: &str) -> Result<Role, String> {
    Role::parse(s).ok_or_else(|| "expected specialist, supervisor, seeker or admin".to_string())
}

/// Runs a parsed command line.
pub fn run(cli: Cli) -> ServerResult<()> {
    match cli.command {
        Command::Serve(args) => serve(cli.data, args),
        Command::FidelityDefaults => {
            print!("{}", FidelitySettings::default_toml());
            Ok(())
        }
        Command::Admin(args) => {
            let storage = SqliteStorage::open(&cli.data)?;
            admin::run(&storage, args.command, args.json)
        }
    }
}

fn serve(data: PathBuf, args: ServeArgs) -> ServerResult<()> {
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
    let storage = Arc::new(SqliteStorage::open(&data)?);
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
            let seeding = storage.clone();
            let seed_url = url.clone();
            let accounts =
                tokio::task::spawn_blocking(move || demo::seed(seeding.as_ref(), &seed_url))
                    .await
                    .map_err(|e| ServerError::Internal(e.to_string()))??;
            println!("{}", demo::describe(&accounts, &url));
        }
        let state = AppState {
            storage: storage.clone(),
            metrics: Arc::new(Metrics::default()),
            settings: Arc::new(settings),
            tls: args.tls_cert.is_some(),
        };
        let app = router(state).into_make_service_with_connect_info::<SocketAddr>();
        println!(
            "Fieldbook sync server listening on {url} (data in {})",
            data.display()
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
