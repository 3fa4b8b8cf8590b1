// The repository's evidence for the language of its headers (context/header_language.hpp), read
// from a commit's tree: which sources it has, and its .gitattributes' linguist-language rules.
#pragma once

#include "context/header_language.hpp"
#include "core/error.hpp"
#include "repo/repository.hpp"

namespace oneshot::repo {

Result<context::LanguageEvidence> language_evidence(const Repository& repository, const git_oid& commit_id);

} // namespace oneshot::repo
