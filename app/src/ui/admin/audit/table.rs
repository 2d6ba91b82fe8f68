//! The entries, and the alerts for staff who read many households in a short time.

use crate::model::audit::{AuditRow, BulkReadAlert};
use leptos::prelude::*;

/// What an action code means, for the auditor.
pub fn action_ja(action: &str) -> &str {
    match action {
        "sign_in" => "サインイン",
        "sign_out" => "サインアウト",
        "second_factor" => "2段階目の確認",
        "lockout" => "ロック",
        "session_end" => "セッション終了",
        "request_denied" => "拒否されたリクエスト",
        "household_search" => "世帯の検索",
        "screening" => "手続きの判定",
        "application_read" => "申請の閲覧",
        "application_print" => "申請書の印刷",
        "receipt_print" => "受付票の印刷",
        "queue_list" => "受付一覧の閲覧",
        "submit" => "申請の提出",
        "outreach" => "案内対象の抽出",
        "audit_read" => "監査ログの閲覧",
        "audit_export" => "監査ログの書き出し",
        "audit_verify" => "監査ログの検査",
        "totp_enrol" => "認証アプリの登録",
        "passkey_register" => "パスキーの登録",
        "password_change" => "パスワード変更",
        a if a.starts_with("staff_") => "職員の管理",
        a if a.starts_with("department_") => "課の管理",
        a if a.starts_with("rules_") => "規則の管理",
        other => other,
    }
}

/// What a purpose code means.
pub fn purpose_ja(purpose: &str) -> &str {
    match purpose {
        "counter_visit" => "窓口受付",
        "department_processing" => "担当課の処理",
        "authentication" => "本人確認",
        "access_control" => "アクセス制御",
        "audit" => "監査",
        "staff_management" => "職員管理",
        "print" => "印刷",
        "proactive_outreach" => "案内",
        "retention" => "保存期間",
        "rule_administration" => "規則の管理",
        other => other,
    }
}

/// What an outcome code means.
pub fn outcome_ja(outcome: &str) -> &str {
    match outcome {
        "ok" => "成功",
        "denied" => "拒否",
        "forbidden" => "権限なし",
        "unauthenticated" => "未サインイン",
        "cross_site" => "他のサイトから",
        "throttled" => "回数制限",
        "replayed" => "使用済みコード",
        "account_locked" => "アカウントをロック",
        "address_locked" => "接続元をロック",
        "idle_timeout" => "無操作で終了",
        "absolute_timeout" => "時間切れ",
        "account_disabled" => "無効なアカウント",
        "by_admin" => "管理者が終了",
        "second_factor" => "2段階目へ",
        "enrol" => "2段階認証の設定へ",
        "change_password" => "パスワード変更へ",
        "totp" => "認証アプリ",
        "recovery" => "リカバリーコード",
        "passkey" => "パスキー",
        "not_found" => "該当なし",
        other => other,
    }
}

#[component]
pub fn Alerts(alerts: Vec<BulkReadAlert>) -> impl IntoView {
    (!alerts.is_empty()).then(|| {
        view! {
            <div class="alert alert-warning" role="status">
                <p><strong>"短い時間に多くの世帯を閲覧した職員がいます"</strong></p>
                <ul>
                    {alerts.into_iter().map(|a| view! {
                        <li>{format!("{}: {} から {} 分間に {} 世帯", a.staff, a.from, a.minutes, a.households)}</li>
                    }).collect_view()}
                </ul>
            </div>
        }
    })
}

#[component]
pub fn Rows(rows: Vec<AuditRow>) -> impl IntoView {
    if rows.is_empty() {
        return view! { <p>"条件に合う記録はありません。"</p> }.into_any();
    }
    view! {
        <div class="table-scroll" tabindex="0" role="region" aria-label="監査ログの表">
        <table class="data audit">
            <caption class="visually-hidden">"監査ログ (新しい順)"</caption>
            <thead><tr>
                <th scope="col">"番号"</th><th scope="col">"日時"</th><th scope="col">"職員"</th><th scope="col">"操作"</th>
                <th scope="col">"対象"</th><th scope="col">"世帯"</th><th scope="col">"住民"</th>
                <th scope="col">"目的"</th><th scope="col">"結果"</th><th scope="col">"接続元"</th>
            </tr></thead>
            <tbody>
                {rows.into_iter().map(|r| view! {
                    <tr class:after-hours=r.after_hours>
                        <td>{r.seq}</td>
                        <td>{r.at} {r.after_hours.then(|| view! { <span class="tag">"時間外"</span> })}</td>
                        <td>{r.staff.unwrap_or_else(|| "—".into())}</td>
                        <td>{action_ja(&r.action).to_owned()} <span class="hint">{format!(" ({})", r.action)}</span></td>
                        <td>{r.target}</td>
                        <td>{r.household.unwrap_or_default()}</td>
                        <td>{r.resident.unwrap_or_default()}</td>
                        <td>{purpose_ja(&r.purpose).to_owned()}</td>
                        <td>{outcome_ja(&r.outcome).to_owned()}</td>
                        <td>{r.origin}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
        </div>
    }
    .into_any()
}
