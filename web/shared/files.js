// Attachments go to the API as base64 inside the JSON body (ReplyFile in contracts/tickets.py).
export const MAX_FILE_BYTES = 10 * 1024 * 1024;

function base64Of(file) {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ""));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}

export async function attachmentsOf(input) {
  const files = [...(input?.files || [])];
  const tooBig = files.find((file) => file.size > MAX_FILE_BYTES);
  if (tooBig) throw new Error(`${tooBig.name} is larger than 10 MB`);
  return Promise.all(files.map(async (file) => ({
    filename: file.name, content_type: file.type || "application/octet-stream", content_base64: await base64Of(file),
  })));
}

export function newClientToken() {
  return crypto.randomUUID ? crypto.randomUUID() : String(Date.now()) + Math.random().toString(16).slice(2);
}
