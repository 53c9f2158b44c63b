//! Tests of the Cloud Foundry client: parsing the documented bodies (`contract`) and
//! behaviour against small HTTP stubs (`behaviour`, `stub`).

mod behaviour;
mod contract;
mod stub;
