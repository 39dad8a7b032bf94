// A minimal NocoBase HTTP API client (Node's fetch): sign in with the basic authenticator, then call
// `<resource>:<action>` with query params and a JSON body, as the NocoBase UI does.

/** Pure: NocoBase's query string, as the UI's client sends it: lists as `key[]=…`, objects (filter) as JSON. */
function toQuery(params = {}) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) value.forEach((item) => search.append(`${key}[]`, String(item)));
    else search.append(key, typeof value === 'object' ? JSON.stringify(value) : String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

function errorMessage(body, status) {
  const first = body && Array.isArray(body.errors) ? body.errors[0] : undefined;
  return (first && first.message) || `HTTP ${status}`;
}

function createApiClient(baseUrl) {
  let token;
  const headers = () => ({
    'content-type': 'application/json',
    'x-authenticator': 'basic',
    ...(token ? { authorization: `Bearer ${token}` } : {}),
  });

  /** @returns {Promise<any>} the answer's `data`; throws with NocoBase's error message on a non-2xx. */
  async function request(action, { method = 'GET', params, values } = {}) {
    const response = await fetch(`${baseUrl}/api/${action}${toQuery(params)}`, {
      method,
      headers: headers(),
      body: values === undefined ? undefined : JSON.stringify(values),
    });
    const text = await response.text();
    const body = text ? JSON.parse(text) : {};
    if (!response.ok) throw new Error(`${method} ${action}: ${errorMessage(body, response.status)}`);
    return body.data;
  }

  async function signIn(account, password) {
    const data = await request('auth:signIn', { method: 'POST', values: { account, password } });
    token = data.token;
    return data;
  }

  const get = (action, params) => request(action, { params });
  const post = (action, values, params) => request(action, { method: 'POST', values, params });

  return { signIn, request, get, post, token: () => token };
}

module.exports = { createApiClient, toQuery };
