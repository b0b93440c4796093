//! Numbers from the register for a batch (`--register FILE`, or `register = "…"` in the
//! batch file).
//!
//! Before the workers start, the documents to be made are numbered in plan order — job,
//! then row — in one register transaction, so the numbers do not depend on which worker
//! finishes first. Each document is known to the register by its identity in the batch
//! manifest (output folder, job, folder and file name), so a document made again keeps
//! its number, and a skipped one (unchanged inputs, files in place) is not touched and
//! keeps the number its files carry. The numbers are committed before the files are
//! written: a batch stopped or killed half-way leaves them held under their documents'
//! keys, and the next run gives each the same number. A document the register refuses (a
//! number its workbook gives that was issued to another document) fails alone; a draft
//! gets no number.

use std::collections::HashMap;
use std::path::Path;

use serde_json::Value as Json;
use sha2::{Digest, Sha256};

use super::BatchError;
use super::plan::{Plan, ROW_KEY, ROW_NUMBER_KEY, hex};
use crate::i18n::{Bilingual, Text};
use crate::register::{Kind, Numbered, Register, number_document};
use crate::render::{Engine, Formats};
use crate::tr;

/// A document's number, by its manifest id: ("02", "02/BC-CNĐP").
pub(crate) type Numbers = HashMap<String, (String, String)>;

/// Makes every document's input hash depend on the register, so that documents made
/// before a register was used are made again, with their numbers.
pub(crate) fn mark(plan: &mut Plan, register: &Path) {
    let register = std::path::absolute(register).unwrap_or_else(|_| register.to_path_buf());
    for doc in &mut plan.docs {
        let mut h = Sha256::new();
        h.update(doc.input_hash.as_bytes());
        h.update(b"\0register\0");
        h.update(register.to_string_lossy().as_bytes());
        doc.input_hash = hex(&h.finalize());
    }
}

/// The register's key of a batch document.
fn key(out_dir: &Path, id: &str) -> String {
    let dir = std::path::absolute(out_dir).unwrap_or_else(|_| out_dir.to_path_buf());
    format!("batch:{}:{id}", dir.display())
}

/// Numbers the documents `order` (indexes into `plan.docs`, in plan order). A document
/// the register refuses gets that refusal as its problem and fails without being made.
pub(crate) fn assign(
    plan: &mut Plan,
    order: &[usize],
    register: &Path,
) -> Result<Numbers, BatchError> {
    let mut numbers = Numbers::new();
    if order.is_empty() {
        return Ok(numbers);
    }
    let mut register = Register::open(register)?;
    let engines = plan
        .jobs
        .iter()
        .map(|j| Engine::located(&j.template, j.origins.clone()))
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| BatchError::Plan { message: e.text() })?;
    let model_only = Formats {
        pdf: false,
        docx: false,
    };
    let mut refused: Vec<(usize, Text)> = Vec::new();
    {
        let mut taking = register.begin()?;
        for &i in order {
            let doc = &plan.docs[i];
            if doc.problem.is_some() {
                continue;
            }
            let job = &plan.jobs[doc.job];
            let mut ctx = job.base.clone();
            if let (Some(row), Json::Object(map)) = (&doc.row, &mut ctx) {
                map.insert(ROW_KEY.into(), row.clone());
                map.insert(
                    ROW_NUMBER_KEY.into(),
                    Json::from(doc.excel_row.unwrap_or(0)),
                );
            }
            let doc_key = key(&plan.out_dir, &doc.id);
            let mut outcome = None;
            // A document whose model cannot be made fails the same way in its worker;
            // it takes no number.
            let _ = engines[doc.job].produce_numbered(
                &crate::template::DocData::new(ctx),
                model_only,
                &mut |model, _| {
                    outcome = Some(
                        number_document(&mut taking, model, Some(doc_key.clone()))
                            .map(|n| (n, model.header.number.clone())),
                    );
                    Ok(())
                },
            );
            match outcome {
                Some(Ok((Numbered::Issued(reference), Some(number)))) => {
                    numbers.insert(doc.id.clone(), (number, reference));
                }
                Some(Ok(_)) | None => {}
                Some(Err(e)) if e.kind == Kind::Rule => {
                    let source = doc.source(&plan.jobs);
                    refused.push((
                        i,
                        tr!("{source}: {e}", "{source}: {e}"; source = source, e = e),
                    ));
                }
                Some(Err(e)) => return Err(e.into()),
            }
        }
        taking.commit()?;
    }
    for (i, problem) in refused {
        plan.docs[i].problem = Some(problem);
    }
    Ok(numbers)
}
