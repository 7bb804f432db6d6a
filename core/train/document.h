#pragma once

#include <torch/torch.h>

#include <cstdint>
#include <string>
#include <vector>

#include "core/data/document_format.h"
#include "core/model/mixed_sequence.h"
#include "core/text/tokenizer.h"

namespace tfs {

// Document, DocImage, LatentEncoder and packRows live in core/model/mixed_sequence.h (one sequence
// type for training, eval, bench, prompts and the Attention page); here: the training layouts of
// core/data/document_format.h as documents, their images' pixels still to be encoded.

// A layout with its images, in the layout's order (DataError if the counts differ).
Document documentFromLayout(DocumentItems layout, std::vector<DocImage> images, int64_t patches);

// The layouts of core/data/document_format.h, as training documents:
Document captionFirstDocument(const Tokenizer& tok, const std::vector<int64_t>& caption,
                              DocImage image, int64_t patches);
Document imageFirstDocument(const Tokenizer& tok, const std::vector<int64_t>& caption,
                            DocImage image, int64_t patches);
Document textDocument(const Tokenizer& tok, const std::vector<int64_t>& text);
// The input enters clean (t = 0, no diffusion loss); the output is the noised target.
Document editDocument(const Tokenizer& tok, DocImage input, const std::vector<int64_t>& instruction,
                      DocImage output, int64_t patches);
// A conversation in the chat's turn format (dialogueLayout, the same function the chat's prompts
// come from). images[k] is the draw for the conversation's k-th image; user images are made clean
// conditioning (t = 0, no loss), as the chat feeds them.
Document dialogueDocument(const Tokenizer& tok, const Conversation& conversation,
                          std::vector<DocImage> images, int64_t patches);

}  // namespace tfs
