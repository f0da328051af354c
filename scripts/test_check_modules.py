#!/usr/bin/env python3
"""Tests of scripts/check-modules.py on small synthetic trees in a temp folder.

Run:  python3 scripts/test_check_modules.py      (standard library only)
"""

import os
import subprocess
import sys
import tempfile
import textwrap
import unittest

SCRIPT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "check-modules.py")

# A tree that keeps every rule: each stage uses only the stages before it.
GOOD = {
    "lib.rs": """
        //! Root: exempt, may name every stage.
        mod error;
        mod util;
        mod plan;
        mod score;
        mod output;
        mod what_if;
        mod run;
        pub use plan::model::Plan;
        pub use score::{results::Results, Scorecard as Card};
        use crate::run::engine;
    """,
    "error/mod.rs": "pub struct Error;\n",
    "util/mod.rs": """
        pub mod number;
        use crate::error::Error;
    """,
    "util/number.rs": """
        use super::super::error::Error; // climbs to crate::error: allowed
        pub fn read() -> Result<(), crate::error::Error> { Ok(()) }
    """,
    "plan/mod.rs": """
        pub mod model;
        use crate::{error::Error, util::number};
        use super::util; // from plan/mod.rs, super is the root: crate::util
    """,
    "plan/model.rs": """
        pub struct Plan;
        // crate::run::engine in a comment is not a reference
        /* nor /* nested */ crate::score::x */
        const S: &str = "crate::run::engine";
        const R: &str = r#"crate::output "quoted" "#;
        const C: char = '"';
        fn f<'a>(x: &'a str) -> &'a str { let _ = crate::util::number::read(); x }
        mod tests {
            use super::*;          // plan::model
            use super::super::Plan; // plan
        }
    """,
    "score/mod.rs": """
        pub mod results;
        pub struct Scorecard;
        use crate::plan::model::Plan;
        use crate::Plan as P; // a re-export of plan: allowed
    """,
    "score/results.rs": "pub struct Results;\nuse crate::{\n    error::Error,\n    plan::{model::Plan},\n};\n",
    "output/mod.rs": "use crate::score::results::Results;\nuse crate::Results as R;\n",
    "what_if.rs": """
        use crate::output;
        fn f() { let _ = crate::score::Scorecard; }
        #[cfg(test)]
        mod tests {
            use super::f; // what_if itself
        }
    """,
    "run/mod.rs": "pub mod engine;\nuse crate::what_if;\n",
    "run/engine.rs": "use crate::{error, util, plan, score, output, what_if};\nuse super::super::Card;\n",
}


def write_tree(root, files):
    for rel, text in files.items():
        path = os.path.join(root, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as f:
            f.write(textwrap.dedent(text).lstrip("\n"))


def run_check(files):
    with tempfile.TemporaryDirectory(prefix="check-modules-") as tmp:
        write_tree(tmp, files)
        done = subprocess.run([sys.executable, SCRIPT, "--root", tmp],
                              capture_output=True, text=True)
        return done.returncode, done.stdout + done.stderr


def with_changes(**changes):
    files = dict(GOOD)
    for rel, text in changes.items():
        rel = rel.replace("__", "/").replace("_rs", ".rs")
        if text is None:
            files.pop(rel, None)
        else:
            files[rel] = text
    return files


class CheckModules(unittest.TestCase):
    def test_a_layered_tree_passes(self):
        code, out = run_check(GOOD)
        self.assertEqual(code, 0, out)
        self.assertIn("ok", out)

    def test_a_backward_use_fails_and_names_the_place(self):
        code, out = run_check(with_changes(plan__model_rs="use crate::score::Scorecard;\n"))
        self.assertEqual(code, 1, out)
        self.assertIn("plan/model.rs:1: plan → score", out)

    def test_a_backward_reference_in_an_expression_fails(self):
        code, out = run_check(with_changes(
            util__number_rs="pub fn f() {\n    let _ = crate::run::engine::go();\n}\n"))
        self.assertEqual(code, 1, out)
        self.assertIn("util/number.rs:2: util → run", out)

    def test_a_backward_use_inside_a_group_fails(self):
        code, out = run_check(with_changes(
            score__results_rs="use crate::{\n    error::Error,\n    output::card,\n};\n"))
        self.assertEqual(code, 1, out)
        self.assertIn("score/results.rs:1: score → output", out)

    def test_a_backward_use_through_a_re_export_fails(self):
        code, out = run_check(with_changes(plan__model_rs="use crate::Results;\n"))
        self.assertEqual(code, 1, out)
        self.assertIn("plan/model.rs:1: plan → score", out)

    def test_a_backward_use_through_super_fails(self):
        code, out = run_check(with_changes(util__number_rs="use super::super::run::engine;\n"))
        self.assertEqual(code, 1, out)
        self.assertIn("util/number.rs:1: util → run", out)

    def test_comments_and_strings_are_ignored(self):
        code, out = run_check(with_changes(error__mod_rs=textwrap.dedent("""
            //! Uses crate::run::engine in docs only.
            /// [`crate::score::Scorecard`]
            pub struct Error;
            /* crate::output */
            const T: &str = "crate::plan::x \\" crate::run";
            const U: &str = r##"crate::what_if "# crate::run"##;
            const Q: char = '\\'';
            fn f<'a>(s: &'a str) -> &'a str { s }
        """)))
        self.assertEqual(code, 0, out)

    def test_a_cycle_between_unlayered_modules_is_reported(self):
        code, out = run_check(with_changes(
            extra_rs="use crate::more::x;\n", more_rs="use crate::extra::y;\n"))
        self.assertEqual(code, 1, out)
        self.assertIn("cycle between modules: extra ↔ more", out)
        self.assertIn("module `extra` is not in the layer order", out)

    def test_a_module_outside_the_order_is_reported(self):
        code, out = run_check(with_changes(
            tables_rs="pub const MAX: usize = 1;\n",
            plan__mod_rs="use crate::tables::MAX;\n"))
        self.assertEqual(code, 1, out)
        self.assertIn("module `tables` is not in the layer order", out)
        self.assertIn("plan/mod.rs:1: `crate::tables::MAX`", out)

    def test_a_long_file_fails_and_lib_rs_too(self):
        long = "// line\n" * 501
        code, out = run_check(with_changes(score__results_rs=long))
        self.assertEqual(code, 1, out)
        self.assertIn("score/results.rs: 501 lines (more than 500)", out)
        code, out = run_check(with_changes(lib_rs=GOOD["lib.rs"] + "// line\n" * 500))
        self.assertEqual(code, 1, out)
        self.assertIn("lib.rs: ", out)
        code, out = run_check(with_changes(score__results_rs="// line\n" * 500))
        self.assertEqual(code, 0, out)

    def test_a_missing_root_is_a_usage_error(self):
        done = subprocess.run([sys.executable, SCRIPT, "--root", "/nonexistent/attain/src"],
                              capture_output=True, text=True)
        self.assertEqual(done.returncode, 2)


if __name__ == "__main__":
    unittest.main()
