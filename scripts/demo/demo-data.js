// What the demo creates, in one place: the start banner and the browser tests read the same names and logins.

const CHANNEL = Object.freeze({
  name: 'marketing_clue',
  title: 'Marketing Clue',
  description: 'New leads from the website, for the sales team',
});

const SALES_ROLE = Object.freeze({ name: 'sales', title: 'Sales' });

const SALES_USERS = Object.freeze([
  Object.freeze({ nickname: 'Sam Seller', username: 'sam', email: 'sam@example.com', password: 'sales123' }),
  Object.freeze({ nickname: 'Sofia Seller', username: 'sofia', email: 'sofia@example.com', password: 'sales123' }),
]);

const LEADS = Object.freeze({ collection: 'leads', title: 'Leads', pageTitle: 'Leads' });

const WORKFLOW_TITLE = 'New lead → in-app message to sales';

/** Created once, with the collection, so the sales users find a first message when they sign in. */
const SAMPLE_LEAD = Object.freeze({
  name: 'Ada Lovelace',
  company: 'Analytical Engines Ltd',
  email: 'ada@example.com',
  phone: '+44 20 7946 0018',
  note: 'Wants a demo of the **in-app inbox** for 40 seats.',
});

module.exports = { CHANNEL, SALES_ROLE, SALES_USERS, LEADS, WORKFLOW_TITLE, SAMPLE_LEAD };
