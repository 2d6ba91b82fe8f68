//! Security as data: permissions granted to roles, roles held by staff, second factors
//! (TOTP with recovery codes, passkeys), sessions with their state and last activity,
//! throttling of failed sign-ins, departments with their building and phone, and the
//! audit log as a hash chain that triggers keep append-only.

use crate::{fk, index};
use madoguchi_core::audit::{entry_hash, ChainFields, GENESIS};
use sea_orm::{ConnectionTrait, DatabaseBackend, Statement};
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// The permissions the code checks, with what they allow (ids are stable: the code
/// names them).
pub const PERMISSIONS: &[(&str, &str)] = &[
    ("counter.run", "窓口で受付をする (世帯の検索・判定・申請)"),
    ("queue.read", "自分の課に届いた申請を見る・印刷する"),
    ("queue.read_all", "すべての課に届いた申請を見る・印刷する"),
    ("application.process", "申請を審査・処理する"),
    ("outreach.run", "受けられる手当を受けていない世帯を探す"),
    ("rules.edit", "規則を編集し、影響を確かめる"),
    ("rules.publish", "規則を公開する"),
    ("staff.manage", "職員・権限・課・セッションを管理する"),
    ("audit.read", "監査ログを見る・書き出す"),
];

/// Roles and the permissions granted to each (least privilege: the auditor reads the
/// log and nothing else; administrators manage the system, not residents' data).
pub const ROLES: &[(&str, &str, &[&str])] = &[
    ("counter", "窓口職員", &["counter.run"]),
    (
        "department",
        "担当課職員",
        &["queue.read", "application.process", "outreach.run"],
    ),
    (
        "supervisor",
        "窓口責任者",
        &[
            "counter.run",
            "queue.read",
            "queue.read_all",
            "outreach.run",
        ],
    ),
    (
        "admin",
        "システム管理者",
        &["rules.edit", "rules.publish", "staff.manage"],
    ),
    ("auditor", "監査担当", &["audit.read"]),
];

async fn exec(m: &SchemaManager<'_>, sql: &str) -> Result<(), DbErr> {
    m.get_connection().execute_unprepared(sql).await.map(|_| ())
}

fn quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', "''"))
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        permissions_and_roles(m).await?;
        second_factors(m).await?;
        sessions_and_throttle(m).await?;
        departments(m).await?;
        audit_chain(m).await
    }

    async fn down(&self, _m: &SchemaManager) -> Result<(), DbErr> {
        Err(DbErr::Migration(
            "the security migration is not reversible: restore a backup instead".into(),
        ))
    }
}

async fn permissions_and_roles(m: &SchemaManager<'_>) -> Result<(), DbErr> {
    m.create_table(
        Table::create()
            .table("permissions")
            .col(string_len("id", 48).primary_key())
            .col(string("description"))
            .to_owned(),
    )
    .await?;
    m.create_table(
        Table::create()
            .table("roles")
            .col(string_len("id", 32).primary_key())
            .col(string("name"))
            .to_owned(),
    )
    .await?;
    m.create_table(
        Table::create()
            .table("role_permissions")
            .col(string_len("role_id", 32))
            .col(string_len("permission_id", 48))
            .primary_key(Index::create().col("role_id").col("permission_id"))
            .foreign_key(&mut fk("role_permissions", "role_id", "roles"))
            .foreign_key(&mut fk("role_permissions", "permission_id", "permissions"))
            .to_owned(),
    )
    .await?;
    m.create_table(
        Table::create()
            .table("staff_user_roles")
            .col(integer("staff_user_id"))
            .col(string_len("role_id", 32))
            .primary_key(Index::create().col("staff_user_id").col("role_id"))
            .foreign_key(&mut fk("staff_user_roles", "staff_user_id", "staff_users"))
            .foreign_key(&mut fk("staff_user_roles", "role_id", "roles"))
            .to_owned(),
    )
    .await?;
    for (id, description) in PERMISSIONS {
        exec(
            m,
            &format!(
                "INSERT INTO permissions (id, description) VALUES ({}, {})",
                quote(id),
                quote(description)
            ),
        )
        .await?;
    }
    for (id, name, granted) in ROLES {
        exec(
            m,
            &format!(
                "INSERT INTO roles (id, name) VALUES ({}, {})",
                quote(id),
                quote(name)
            ),
        )
        .await?;
        for p in *granted {
            exec(
                m,
                &format!(
                    "INSERT INTO role_permissions (role_id, permission_id) VALUES ({}, {})",
                    quote(id),
                    quote(p)
                ),
            )
            .await?;
        }
    }
    // Each existing account keeps the one role it had, now as a row.
    exec(
        m,
        "INSERT INTO staff_user_roles (staff_user_id, role_id) SELECT id, role FROM staff_users",
    )
    .await?;
    exec(m, "ALTER TABLE staff_users DROP COLUMN role").await?;
    for col in [
        boolean("must_change_password").default(false).to_owned(),
        timestamp_with_time_zone_null("password_changed_at").to_owned(),
        string_len_null("totp_secret", 64).to_owned(),
        big_integer_null("totp_last_step").to_owned(),
    ] {
        m.alter_table(
            Table::alter()
                .table("staff_users")
                .add_column(col)
                .to_owned(),
        )
        .await?;
    }
    Ok(())
}

async fn second_factors(m: &SchemaManager<'_>) -> Result<(), DbErr> {
    m.create_table(
        Table::create()
            .table("staff_recovery_codes")
            .col(pk_auto("id"))
            .col(integer("staff_user_id"))
            .col(string_len("code_hash", 64))
            .col(timestamp_with_time_zone("created_at"))
            .col(timestamp_with_time_zone_null("used_at"))
            .foreign_key(&mut fk(
                "staff_recovery_codes",
                "staff_user_id",
                "staff_users",
            ))
            .to_owned(),
    )
    .await?;
    m.create_index(index("staff_recovery_codes", &["staff_user_id"], false))
        .await?;
    m.create_table(
        Table::create()
            .table("staff_passkeys")
            .col(pk_auto("id"))
            .col(integer("staff_user_id"))
            .col(string_len_uniq("credential_id", 512))
            .col(string_len("name", 64))
            .col(text("passkey"))
            .col(timestamp_with_time_zone("created_at"))
            .col(timestamp_with_time_zone_null("last_used_at"))
            .foreign_key(&mut fk("staff_passkeys", "staff_user_id", "staff_users"))
            .to_owned(),
    )
    .await?;
    m.create_index(index("staff_passkeys", &["staff_user_id"], false))
        .await
}

async fn sessions_and_throttle(m: &SchemaManager<'_>) -> Result<(), DbErr> {
    // Sessions from before this migration carry no state: end them all (every staff
    // member signs in again, this time with a second factor).
    exec(m, "DELETE FROM staff_sessions").await?;
    for col in [
        string_len("state", 16).default("full").to_owned(),
        timestamp_with_time_zone_null("last_seen_at").to_owned(),
        string_len("origin", 64).default("").to_owned(),
        string_len("user_agent", 200).default("").to_owned(),
        string_len("method", 32).default("password").to_owned(),
        text_null("pending").to_owned(),
    ] {
        m.alter_table(
            Table::alter()
                .table("staff_sessions")
                .add_column(col)
                .to_owned(),
        )
        .await?;
    }
    m.create_index(index("staff_sessions", &["staff_user_id"], false))
        .await?;
    // A passkey sign-in without a username has no session yet: its challenge waits
    // here, keyed by the hash of a token the browser holds, for five minutes.
    m.create_table(
        Table::create()
            .table("auth_ceremonies")
            .col(string_len("id", 64).primary_key())
            .col(text("state"))
            .col(timestamp_with_time_zone("expires_at"))
            .to_owned(),
    )
    .await?;
    m.create_table(
        Table::create()
            .table("auth_throttle")
            .col(string_len("key", 160).primary_key())
            .col(integer("failures"))
            .col(timestamp_with_time_zone("window_start"))
            .col(timestamp_with_time_zone("last_failure_at"))
            .col(timestamp_with_time_zone_null("locked_until"))
            .to_owned(),
    )
    .await
}

async fn departments(m: &SchemaManager<'_>) -> Result<(), DbErr> {
    for col in [
        string("building").default("").to_owned(),
        string_len("phone", 32).default("").to_owned(),
    ] {
        m.alter_table(
            Table::alter()
                .table("departments")
                .add_column(col)
                .to_owned(),
        )
        .await?;
    }
    Ok(())
}

async fn audit_chain(m: &SchemaManager<'_>) -> Result<(), DbErr> {
    for col in [
        big_integer("seq").default(0).to_owned(),
        string_len("prev_hash", 64).default("").to_owned(),
        string_len("hash", 64).default("").to_owned(),
    ] {
        m.alter_table(Table::alter().table("audit_log").add_column(col).to_owned())
            .await?;
    }
    m.create_table(
        Table::create()
            .table("audit_head")
            .col(integer("id").primary_key())
            .col(big_integer("seq"))
            .col(string_len("hash", 64))
            .to_owned(),
    )
    .await?;
    m.create_table(
        Table::create()
            .table("audit_checkpoints")
            .col(pk_auto("id"))
            .col(big_integer("up_to_seq"))
            .col(string_len("hash", 64))
            .col(big_integer("entries"))
            .col(timestamp_with_time_zone_null("first_at"))
            .col(timestamp_with_time_zone_null("last_at"))
            .col(text("summary"))
            .col(timestamp_with_time_zone("created_at"))
            .to_owned(),
    )
    .await?;
    let (seq, hash) = seal_existing(m).await?;
    exec(
        m,
        &format!(
            "INSERT INTO audit_head (id, seq, hash) VALUES (1, {seq}, {})",
            quote(&hash)
        ),
    )
    .await?;
    m.create_index(index("audit_log", &["seq"], true)).await?;
    m.create_index(index("audit_log", &["at"], false)).await?;
    m.create_index(index("audit_log", &["resident_id"], false))
        .await?;
    append_only_triggers(m).await
}

/// Chains the entries written before the chain existed, in the order of their ids.
async fn seal_existing(m: &SchemaManager<'_>) -> Result<(i64, String), DbErr> {
    let db = m.get_connection();
    let backend = db.get_database_backend();
    let rows = db
        .query_all_raw(Statement::from_string(
            backend,
            "SELECT id, at, staff_user_id, action, target, household_id, resident_id, \
             purpose, outcome, origin FROM audit_log ORDER BY id",
        ))
        .await?;
    let mut prev = GENESIS.to_owned();
    let mut seq = 0i64;
    for row in rows {
        seq += 1;
        let id: i32 = row.try_get("", "id")?;
        let at: chrono::DateTime<chrono::Utc> = row.try_get("", "at")?;
        let action: String = row.try_get("", "action")?;
        let target: String = row.try_get("", "target")?;
        let purpose: String = row.try_get("", "purpose")?;
        let outcome: String = row.try_get("", "outcome")?;
        let origin: String = row.try_get("", "origin")?;
        // Microsecond precision, as every new entry is written.
        let at_micros = at.timestamp_micros();
        let at = chrono::DateTime::from_timestamp_micros(at_micros).unwrap_or(at);
        let hash = entry_hash(
            &prev,
            &ChainFields {
                seq,
                at_micros,
                staff_user_id: row.try_get("", "staff_user_id")?,
                action: &action,
                target: &target,
                household_id: row.try_get("", "household_id")?,
                resident_id: row.try_get("", "resident_id")?,
                purpose: &purpose,
                outcome: &outcome,
                origin: &origin,
                // Written before residents signed in online.
                resident_account_id: None,
            },
        );
        db.execute_raw(Statement::from_sql_and_values(
            backend,
            match backend {
                DatabaseBackend::Postgres => {
                    "UPDATE audit_log SET seq = $1, prev_hash = $2, hash = $3, at = $4 WHERE id = $5"
                }
                _ => "UPDATE audit_log SET seq = ?, prev_hash = ?, hash = ?, at = ? WHERE id = ?",
            },
            [
                seq.into(),
                prev.clone().into(),
                hash.clone().into(),
                at.into(),
                id.into(),
            ],
        ))
        .await?;
        prev = hash;
    }
    Ok((seq, prev))
}

/// The database itself refuses to change or remove an audit entry, and to move the
/// chain's head backwards. (Someone with the database owner's rights can still drop
/// a trigger; `madoguchi audit verify` then finds what they changed.)
async fn append_only_triggers(m: &SchemaManager<'_>) -> Result<(), DbErr> {
    match m.get_database_backend() {
        DatabaseBackend::Postgres => {
            exec(
                m,
                "CREATE FUNCTION madoguchi_audit_append_only() RETURNS trigger \
                 LANGUAGE plpgsql AS $$ BEGIN \
                 RAISE EXCEPTION 'audit_log is append-only' USING ERRCODE = 'insufficient_privilege'; \
                 END $$",
            )
            .await?;
            exec(
                m,
                "CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log \
                 FOR EACH ROW EXECUTE FUNCTION madoguchi_audit_append_only()",
            )
            .await?;
            exec(
                m,
                "CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log \
                 FOR EACH STATEMENT EXECUTE FUNCTION madoguchi_audit_append_only()",
            )
            .await?;
            exec(
                m,
                "CREATE FUNCTION madoguchi_audit_head_forward() RETURNS trigger \
                 LANGUAGE plpgsql AS $$ BEGIN \
                 IF TG_OP = 'DELETE' OR NEW.seq < OLD.seq THEN \
                 RAISE EXCEPTION 'the audit head only moves forward' USING ERRCODE = 'insufficient_privilege'; \
                 END IF; RETURN NEW; END $$",
            )
            .await?;
            exec(
                m,
                "CREATE TRIGGER audit_head_forward BEFORE UPDATE OR DELETE ON audit_head \
                 FOR EACH ROW EXECUTE FUNCTION madoguchi_audit_head_forward()",
            )
            .await
        }
        _ => {
            exec(
                m,
                "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log \
                 BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END",
            )
            .await?;
            exec(
                m,
                "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log \
                 BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END",
            )
            .await?;
            exec(
                m,
                "CREATE TRIGGER audit_head_forward BEFORE UPDATE ON audit_head \
                 WHEN NEW.seq < OLD.seq \
                 BEGIN SELECT RAISE(ABORT, 'the audit head only moves forward'); END",
            )
            .await?;
            exec(
                m,
                "CREATE TRIGGER audit_head_no_delete BEFORE DELETE ON audit_head \
                 BEGIN SELECT RAISE(ABORT, 'the audit head only moves forward'); END",
            )
            .await
        }
    }
}
