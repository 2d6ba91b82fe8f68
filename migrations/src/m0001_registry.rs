//! The municipal data the rules read: the resident registry (住基), tax, insurance,
//! child allowance, care certification and property ownership.

use crate::{fk, index};
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("households")
                .col(pk_auto("id"))
                .col(string_len_uniq("household_number", 16))
                .col(string_len("postal_code", 8))
                .col(string("address"))
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table("residents")
                .col(pk_auto("id"))
                .col(string_len_uniq("person_number", 16))
                .col(integer("household_id"))
                .col(string_len("relationship", 16))
                .col(string("family_name"))
                .col(string("given_name"))
                .col(string("family_name_kana"))
                .col(string("given_name_kana"))
                .col(string("kana_key"))
                .col(date("birth_date"))
                .col(string_len("sex", 16))
                .col(date("moved_in_on"))
                .col(string_len("status", 16))
                .foreign_key(&mut fk("residents", "household_id", "households"))
                .to_owned(),
        )
        .await?;
        m.create_index(index("residents", &["household_id"], false))
            .await?;
        m.create_index(index("residents", &["kana_key", "birth_date"], false))
            .await?;

        m.create_table(
            Table::create()
                .table("tax_incomes")
                .col(pk_auto("id"))
                .col(integer("resident_id"))
                .col(integer("fiscal_year"))
                .col(big_integer("income"))
                .col(boolean("non_taxable"))
                .foreign_key(&mut fk("tax_incomes", "resident_id", "residents"))
                .to_owned(),
        )
        .await?;
        m.create_index(index("tax_incomes", &["resident_id", "fiscal_year"], true))
            .await?;

        m.create_table(
            Table::create()
                .table("insurance_memberships")
                .col(pk_auto("id"))
                .col(integer("resident_id"))
                .col(string_len("kind", 16))
                .col(date("valid_from"))
                .col(date_null("valid_to"))
                .foreign_key(&mut fk("insurance_memberships", "resident_id", "residents"))
                .to_owned(),
        )
        .await?;
        m.create_index(index("insurance_memberships", &["resident_id"], false))
            .await?;

        m.create_table(
            Table::create()
                .table("child_allowance_recipients")
                .col(pk_auto("id"))
                .col(integer("resident_id"))
                .col(date("since"))
                .col(integer("children_counted"))
                .col(boolean("public_servant"))
                .foreign_key(&mut fk(
                    "child_allowance_recipients",
                    "resident_id",
                    "residents",
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(index("child_allowance_recipients", &["resident_id"], true))
            .await?;

        m.create_table(
            Table::create()
                .table("employment_facts")
                .col(pk_auto("id"))
                .col(integer("resident_id"))
                .col(boolean("public_servant"))
                .foreign_key(&mut fk("employment_facts", "resident_id", "residents"))
                .to_owned(),
        )
        .await?;
        m.create_index(index("employment_facts", &["resident_id"], true))
            .await?;

        m.create_table(
            Table::create()
                .table("care_certifications")
                .col(pk_auto("id"))
                .col(integer("resident_id"))
                .col(string_len("level", 16))
                .col(date("valid_from"))
                .col(date("valid_to"))
                .foreign_key(&mut fk("care_certifications", "resident_id", "residents"))
                .to_owned(),
        )
        .await?;
        m.create_index(index("care_certifications", &["resident_id"], false))
            .await?;

        m.create_table(
            Table::create()
                .table("property_ownerships")
                .col(pk_auto("id"))
                .col(integer("resident_id"))
                .col(string_len("kind", 16))
                .col(string("location"))
                .foreign_key(&mut fk("property_ownerships", "resident_id", "residents"))
                .to_owned(),
        )
        .await?;
        m.create_index(index("property_ownerships", &["resident_id"], false))
            .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in [
            "property_ownerships",
            "care_certifications",
            "employment_facts",
            "child_allowance_recipients",
            "insurance_memberships",
            "tax_incomes",
            "residents",
            "households",
        ] {
            m.drop_table(Table::drop().table(t).to_owned()).await?;
        }
        Ok(())
    }
}
