// Security keys and passkeys: a button names where to ask for WebAuthn options (POST <base>/options) and
// where to send the key's answer (POST <base>); the server checks everything, this only carries it.
const status = document.getElementById("webauthn-status");

async function post(url, body) {
  const response = await fetch(url, {
    method: "POST",
    headers: { "Content-Type": "application/json", "RequestVerificationToken": document.getElementById("form-token").value },
    body: JSON.stringify(body ?? {}),
  });
  const answer = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(answer.detail ?? `${response.status} ${response.statusText}`);
  return answer;
}

/** @param {"succeeded" | "failed" | undefined} outcome */
function show(text, outcome) {
  status.textContent = text;
  if (outcome) status.dataset.outcome = outcome;
  else delete status.dataset.outcome;
}

for (const button of document.querySelectorAll("button[data-webauthn]")) {
  button.addEventListener("click", async () => {
    const base = button.dataset.webauthn;
    button.disabled = true;
    show("Touch your security key…");
    try {
      const { request, options } = await post(`${base}/options`);
      const credential = button.dataset.ceremony === "create"
        ? await navigator.credentials.create({ publicKey: PublicKeyCredential.parseCreationOptionsFromJSON(options) })
        : await navigator.credentials.get({ publicKey: PublicKeyCredential.parseRequestOptionsFromJSON(options) });
      const name = document.getElementById("key-name")?.value;
      const answer = await post(base, { request, name, credential: credential.toJSON() });
      if (answer.location) {
        location.assign(answer.location);
        return;
      }
      show(answer.text, "succeeded");
    } catch (error) {
      show(error.message, "failed");
    } finally {
      button.disabled = false;
    }
  });
}
