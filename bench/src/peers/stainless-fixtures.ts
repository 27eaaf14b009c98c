/**
 * Plausible bodies of the two Stainless-generated SDKs' own APIs (merged into the stub's one body per operation,
 * src/stub-fetch.ts), their requests (padded to the byte size of our invitation request, so every client sends as
 * many bytes), and the base URLs that tell their requests apart from ours. They only run against the stub: the
 * bench server speaks Planky's API, not theirs.
 */
import examples from "../../generated/examples.json" with { type: "json" };

export const ANTHROPIC_PREFIX = "/anthropic";
export const OPENAI_PREFIX = "/openai/v1";

// A model the SDK does not list as deprecated: for those it logs a warning on every call, which would be timed too.
export const ANTHROPIC_MODEL_ID = "claude-sonnet-4-6";
export const OPENAI_MODEL_ID = "gpt-4o-mini";

export const anthropicModel = {
  type: "model",
  id: ANTHROPIC_MODEL_ID,
  display_name: "Claude Sonnet 4.6",
  created_at: "2026-02-17T00:00:00Z",
};

const PROMPT = "Summarise this customer's consent status in one sentence.";
const REQUEST_BYTES = JSON.stringify(examples.invitationRequest).length;

/** The request `build` makes, with the prompt cut or padded so its JSON is exactly REQUEST_BYTES long. */
function sameSizeAsOurs<T>(build: (content: string) => T): T {
  const room = REQUEST_BYTES - JSON.stringify(build("")).length;
  if (room < 0) throw new Error(`a Stainless request is longer than ours (${REQUEST_BYTES} B) with no prompt`);
  return build(PROMPT.slice(0, room).padEnd(room, " "));
}

export const anthropicMessageRequest = sameSizeAsOurs((content) => ({
  model: ANTHROPIC_MODEL_ID,
  max_tokens: 1024,
  messages: [{ role: "user" as const, content }],
}));

export const anthropicMessage = {
  id: "msg_01XFDUDYJgAACzvnptvVoYEL",
  type: "message",
  role: "assistant",
  model: ANTHROPIC_MODEL_ID,
  content: [{ type: "text", text: "The customer has not yet authorised access at Barclays." }],
  stop_reason: "end_turn",
  stop_sequence: null,
  usage: {
    input_tokens: 21,
    output_tokens: 14,
    cache_creation_input_tokens: 0,
    cache_read_input_tokens: 0,
    service_tier: "standard",
  },
};

export const openaiModel = { id: OPENAI_MODEL_ID, object: "model", created: 1721172741, owned_by: "system" };

export const openaiChatRequest = sameSizeAsOurs((content) => ({
  model: OPENAI_MODEL_ID,
  messages: [{ role: "user" as const, content }],
}));

export const openaiChatCompletion = {
  id: "chatcmpl-B9MBs8CjcvOU2jLn4n570S5qMJKcT",
  object: "chat.completion",
  created: 1741569952,
  model: "gpt-4o-mini-2024-07-18",
  choices: [
    {
      index: 0,
      message: {
        role: "assistant",
        content: "The customer has not yet authorised access at Barclays.",
        refusal: null,
        annotations: [],
      },
      logprobs: null,
      finish_reason: "stop",
    },
  ],
  usage: {
    prompt_tokens: 19,
    completion_tokens: 12,
    total_tokens: 31,
    prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
    completion_tokens_details: {
      reasoning_tokens: 0,
      audio_tokens: 0,
      accepted_prediction_tokens: 0,
      rejected_prediction_tokens: 0,
    },
  },
  service_tier: "default",
  system_fingerprint: "fp_06737a9306",
};
