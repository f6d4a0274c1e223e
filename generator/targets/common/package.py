"""What every SDK package carries besides its code, decided once for the four SDK targets: the
LICENSE (from ``info.license``), a ``.gitignore``, and the facts its manifest and README take from
the spec and the config (license, authors, homepage, repository, keywords).

Every string here comes from the spec or the config: each target's templates put it in its place
through that target's escaper (TOML, JSON, Ruby strings, Markdown); the LICENSE is plain text of
one-line values (the IR keeps ``info.license`` and ``info.contact`` as display lines).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ...config import Config, author_parts
from ...ir.model import Api
from ...render import RenderJob

# the SPDX identifiers the manifests may carry (setuptools, npm and RubyGems check them against the
# SPDX list): a license outside this table is named in LICENSE only
SPDX = {spdx.lower(): spdx for spdx in (
    "MIT", "Apache-2.0", "BSD-2-Clause", "BSD-3-Clause", "ISC", "MPL-2.0", "GPL-2.0-only", "GPL-3.0-only",
    "LGPL-2.1-only", "LGPL-3.0-only", "AGPL-3.0-only", "Unlicense", "CC0-1.0", "0BSD", "Zlib", "BSL-1.0",
)}
# names specs write for them (``Apache 2.0``, ``The MIT License``), folded as :func:`_fold` folds
_NAMES = {"mit": "MIT", "apache2.0": "Apache-2.0", "apache2": "Apache-2.0", "bsd3clause": "BSD-3-Clause",
          "bsd2clause": "BSD-2-Clause", "isc": "ISC", "mpl2.0": "MPL-2.0", "mozillapublic2.0": "MPL-2.0",
          "unlicense": "Unlicense", "cc01.0": "CC0-1.0"}
_HTTP_URL = re.compile(r"https?://[^\s<>\"'`\\]+")

GITIGNORE = {
    "python": ["build/", "dist/", "*.egg-info/", "__pycache__/", ".venv/", ".mypy_cache/", ".pytest_cache/"],
    "typescript": ["node_modules/", "dist/", "*.tgz"],
    "ruby": ["*.gem", ".bundle/", "pkg/"],
    "go": [],
}
_EDITOR = [".DS_Store", ".idea/", ".vscode/", "*.swp"]

_MIT = """MIT License

Copyright (c) {holder}

Permission is hereby granted, free of charge, to any person obtaining a copy
of this software and associated documentation files (the "Software"), to deal
in the Software without restriction, including without limitation the rights
to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all
copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
SOFTWARE.
"""

_APACHE = """Copyright {holder}

Licensed under the Apache License, Version 2.0 (the "License");
you may not use this file except in compliance with the License.
You may obtain a copy of the License at

    http://www.apache.org/licenses/LICENSE-2.0

Unless required by applicable law or agreed to in writing, software
distributed under the License is distributed on an "AS IS" BASIS,
WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
See the License for the specific language governing permissions and
limitations under the License.
"""


@dataclass
class Person:
    name: str
    email: str = ""


@dataclass
class PackageFacts:
    """What a package's manifest and README say about it (every field may be empty)."""

    license_spdx: str = ""  # a known SPDX identifier, for the manifests' license fields
    license_name: str = ""  # the license as the spec names it ("" when it names none)
    license_url: str = ""
    authors: list[Person] = field(default_factory=list)  # never empty: the config's, the contact, or the API's
    homepage: str = ""
    repository: str = ""
    keywords: list[str] = field(default_factory=list)

    @property
    def has_license(self) -> bool:
        return bool(self.license_name or self.license_spdx)


def _fold(name: str) -> str:
    return re.sub(r"[^a-z0-9.]", "", name.lower().replace("license", "").replace("version", ""))


def facts(api: Api, config: Config) -> PackageFacts:
    out = PackageFacts()
    lic = api.license
    if lic is not None:
        out.license_spdx = SPDX.get(lic.identifier.lower(), "") or _NAMES.get(_fold(lic.name), "") or \
            SPDX.get(lic.name.lower(), "")
        out.license_name = lic.name or lic.identifier
        out.license_url = lic.url if _HTTP_URL.fullmatch(lic.url) else ""
    meta = config.metadata
    out.authors = [Person(*author_parts(a)) for a in meta.authors]
    if not out.authors:
        contact = api.contact
        if contact is not None and contact.name:
            email = contact.email if re.fullmatch(r"[^<>\s@]+@[^<>\s@]+", contact.email) else ""
            out.authors = [Person(contact.name, email)]
        else:
            out.authors = [Person(f"The {api.title} SDK authors")]
    contact_url = api.contact.url if api.contact is not None else ""
    out.homepage = meta.homepage or (contact_url if _HTTP_URL.fullmatch(contact_url) else "")
    out.repository = meta.repository or ""
    out.keywords = list(meta.keywords)
    return out


def holder(package: PackageFacts) -> str:
    return ", ".join(person.name for person in package.authors)


def license_text(api: Api, package: PackageFacts) -> str | None:
    """The LICENSE file: the MIT text, the Apache-2.0 notice, else a notice naming the license and
    where its terms are; None when the spec names no license."""
    if not package.has_license:
        return None
    if package.license_spdx == "MIT":
        return _MIT.format(holder=holder(package))
    if package.license_spdx == "Apache-2.0":
        return _APACHE.format(holder=holder(package))
    lines = [f"{api.title} SDK", "", f"Copyright (c) {holder(package)}", "",
             f"This software is licensed under {package.license_name}"
             + (f" (SPDX-License-Identifier: {package.license_spdx})." if package.license_spdx else ".")]
    if package.license_url:
        lines.append(f"The license's terms: {package.license_url}")
    return "\n".join(lines) + "\n"


def gitignore(language: str) -> str:
    return "\n".join(GITIGNORE[language] + _EDITOR) + "\n"


def files(language: str, api: Api, config: Config) -> list[RenderJob]:
    """The package's .gitignore and, when the spec names a license, its LICENSE."""
    jobs = [RenderJob(path=".gitignore", content=gitignore(language))]
    text = license_text(api, facts(api, config))
    if text is not None:
        jobs.append(RenderJob(path="LICENSE", content=text))
    return jobs
