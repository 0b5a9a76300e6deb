#include "domain/demo_data.h"

#include "domain/requests.h"
#include "domain/subscription.h"
#include "domain/text.h"

namespace portal {

namespace {

constexpr const char* kCustomerPassword = "demo-pass-1";
constexpr const char* kAgentPassword = "agent-pass-1";

struct DemoCompany {
  const char* id;
  const char* name;
  const char* plan;
  const char* customer_email;
  const char* customer_name;
  bool dedicated_agent;
};

const DemoCompany kCompanies[] = {
    {"co_demo_northwind", "Northwind Traders", "basic", "basic@demo.example", "Olga Smirnova", false},
    {"co_demo_globex", "Globex", "standard", "standard@demo.example", "Ivan Petrov", false},
    {"co_demo_initech", "Initech", "priority", "priority@demo.example", "Elena Dimitrova", false},
    {"co_demo_umbrella", "Umbrella Corp", "premium", "premium@demo.example", "Georgi Nikolov", true},
};

struct DemoAgent {
  const char* id;
  const char* email;
  const char* name;
  const char* level;
};

const DemoAgent kAgents[] = {
    {"ag_demo_anna", "anna@demo.example", "Anna Kovacheva", "L1"},
    {"ag_demo_boris", "boris@demo.example", "Boris Ivanov", "L2"},
    {"ag_demo_maria", "maria@demo.example", "Maria Georgieva", "L2"},
    {"ag_demo_viktor", "viktor@demo.example", "Viktor Sokolov", "L3"},
};

struct DemoRequest {
  int company;    // index into kCompanies
  int hours_ago;  // created this long before now
  int severity;
  const char* category;
  const char* subject;
  const char* description;
  int reply_after_minutes;   // agent reply after creation; < 0: none yet
  const char* final_status;  // status after the story
  int rating;                // 0: none
};

const DemoRequest kRequests[] = {
    {0, 50, 3, "technical", "Emails are not arriving in the shared inbox",
     "Since yesterday no new emails appear in the support@ inbox. Outgoing mail works.", 300, "open", 0},
    {0, 200, 5, "billing", "How do I get an invoice with our VAT number?",
     "We need invoices with our VAT ID printed on them.", 900, "resolved", 5},
    {0, 3, 4, "technical", "Правило автоматизации не срабатывает",
     "Правило «назначить на отдел продаж» не срабатывает для писем с вложениями.", -1, "new", 0},
    {1, 30, 2, "technical", "Integration with the CRM is very slow",
     "Syncing contacts takes minutes instead of seconds.", 240, "pending", 0},
    {1, 120, 3, "account", "Добавить двух новых пользователей", "Нужно добавить двух сотрудников в наш аккаунт.", 200,
     "resolved", 4},
    {2, 6, 1, "technical", "Portal down for all our users", "Nobody at Initech can sign in since 09:00.", 40,
     "resolved", 5},
    {2, 2, 3, "technical", "Грешка при експорт на отчети", "Експортът на месечния отчет в CSV спира на 50%.", -1, "new",
     0},
    {3, 1, 2, "technical", "API latency above 2 s",
     "Our monitoring shows p95 latency above 2 s since the last release.", -1, "new", 0},
    {3, 70, 5, "other", "Training for new team members",
     "Could we schedule a training session for three new colleagues?", 60, "resolved", 3},
};

}  // namespace

std::vector<DemoLogin> demo_logins() {
  std::vector<DemoLogin> out;
  for (const DemoCompany& c : kCompanies)
    out.push_back({c.customer_email, kCustomerPassword, "customer",
                   std::string(c.name) + ", " + c.plan + " plan" + (c.dedicated_agent ? " + dedicated agent" : "")});
  for (const DemoAgent& a : kAgents)
    out.push_back({a.email, kAgentPassword, "agent", std::string(a.name) + ", " + a.level});
  return out;
}

void seed_demo(Store& store, const Catalog& catalog, Env& env, Instant now) {
  bool seeded = false;
  store.read([&](StoreTx& tx) { seeded = tx.agent(kAgents[0].id).has_value(); });
  if (seeded) return;

  // Slow hashing outside the transaction.
  const std::string customer_hash = env.hash_password(kCustomerPassword);
  const std::string agent_hash = env.hash_password(kAgentPassword);
  auto hex = [&](std::size_t bytes) { return to_hex(env.random_bytes(bytes)); };

  store.write([&](StoreTx& tx) {
    // The first agent is the claim: when another process seeded meanwhile (several instances
    // starting with --demo over one PostgreSQL database), its email is taken and nothing is added.
    bool first = true;
    for (const DemoAgent& a : kAgents) {
      const bool inserted =
          tx.insert_agent(Agent{a.id, a.email, a.name, level_or(a.level, Level::kL1), agent_hash, now});
      if (first && !inserted) return;
      first = false;
    }
    std::vector<Company> companies;
    for (const DemoCompany& d : kCompanies) {
      Company c;
      c.id = d.id;
      c.name = d.name;
      c.plan = d.plan;
      c.customer_since = now - 400 * kSecondsPerDay;
      start_period(c, now - 10 * kSecondsPerDay);
      if (catalog.plan_for_tier(d.plan) && catalog.plan_for_tier(d.plan)->personal_manager)
        c.manager_id = "ag_demo_boris";
      if (d.dedicated_agent) {
        c.addons.push_back("dedicated_agent");
        c.dedicated_agent_id = "ag_demo_maria";
      }
      tx.put_company(c);
      tx.insert_customer(Customer{std::string("cu_") + (d.id + 3), c.id, d.customer_email, d.customer_name,
                                  customer_hash, c.customer_since});
      companies.push_back(c);
    }
    for (const DemoRequest& d : kRequests) {
      const Company& company = companies[d.company];
      const Instant created = now - static_cast<Instant>(d.hours_ago) * 3600;
      const auto policies = applicable_policies(catalog, company, created);
      NewRequest in{d.subject, d.description, d.category, "", d.severity};
      Request r = open_request(in, company, policies, created);
      r.id = "req_" + hex(8);
      r.number = tx.next_sequence("request");
      r.customer_id = std::string("cu_") + (company.id.c_str() + 3);
      if (d.reply_after_minutes >= 0) {
        const Instant reply_at = created + static_cast<Instant>(d.reply_after_minutes) * 60;
        const DemoAgent& agent = company.dedicated_agent_id.empty() ? kAgents[0] : kAgents[2];
        add_message(r,
                    Message{"msg_" + hex(8), "agent", agent.id, agent.name,
                            "Thank you for the details, we are looking into it now.", reply_at},
                    policies);
        if (std::string(d.final_status) == "pending") change_status(r, RequestStatus::kPending, true, reply_at + 60);
        if (std::string(d.final_status) == "resolved") {
          change_status(r, RequestStatus::kResolved, true, reply_at + 3600);
          if (d.rating) rate(r, d.rating, "", reply_at + 7200);
        }
      }
      tx.insert_request(r);
    }
  });
}

}  // namespace portal
