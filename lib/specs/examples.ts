/**
 * Example specs shown in the studio (templates for a new spec) and used by tests: every one
 * of them must validate. Kept as plain strings so they are shown exactly as a user would type them.
 */

/** The shortest useful spec: step ids only, run in list order. */
export const SHORT_FORM_EXAMPLE = `workflow:
  name: customer_onboarding
  steps:
    - validate_input
    - create_crm_account
    - send_welcome_email
    - log_to_db
`;

/** The same workflow in long form: descriptions, typed inputs/outputs, explicit dependencies. */
export const CUSTOMER_ONBOARDING_EXAMPLE = `workflow:
  name: customer_onboarding
  description: Registers a new customer, creates their CRM account and welcomes them.
  language: python
  steps:
    - id: validate_input
      description: |
        Check the sign-up form. The e-mail address must be well-formed and the
        plan must be one of "free", "pro" or "enterprise".
      inputs:
        - email: str
        - plan: str
        - name: company
          type: str
          description: optional company name, may be empty
      outputs:
        - name: customer
          type: Customer
          description: the validated, normalized sign-up data
      depends_on: []
      acceptance:
        - rejects an e-mail address without "@"
        - rejects an unknown plan with a clear error message
        - lower-cases the e-mail address

    - id: create_crm_account
      description: Create the account in the CRM and return its id.
      inputs: ["customer: Customer"]
      outputs: ["crm_id: str"]
      depends_on: [validate_input]
      acceptance:
        - retries once when the CRM answers with a 5xx status
        - does not create a second account for an existing e-mail address

    - id: send_welcome_email
      description: Send the welcome e-mail for the chosen plan.
      inputs: [customer, crm_id]
      depends_on: [create_crm_account]
      acceptance:
        - uses the "pro" template for pro and enterprise customers

    - id: log_to_db
      description: Record the onboarding in the audit table.
      inputs: [customer, crm_id]
      outputs: ["audit_id: int"]
      depends_on: [create_crm_account, send_welcome_email]
`;

/** A TypeScript workflow mixing short-form and long-form steps, with a fan-out and fan-in. */
export const INVOICE_PROCESSING_EXAMPLE = `workflow:
  name: invoice_processing
  description: Turns an uploaded supplier invoice into a booked, paid payable.
  language: typescript
  steps:
    - id: extract_invoice
      description: Extract supplier, invoice number, line items, totals and due date from the PDF.
      inputs:
        - pdf: Buffer
      outputs:
        - invoice: Invoice
      acceptance:
        - amounts are parsed as integer cents, never floats
        - fails with a readable error when no invoice number is found

    - id: match_purchase_order
      description: Find the purchase order the invoice refers to.
      inputs: [invoice]
      outputs: ["purchase_order: PurchaseOrder | null"]
      depends_on: [extract_invoice]

    - id: check_duplicates
      description: Reject invoices already booked for the same supplier and number.
      inputs: [invoice]
      depends_on: [extract_invoice]
      acceptance:
        - treats invoice numbers case-insensitively

    - id: approve
      description: Auto-approve when the totals match the purchase order within 1%; otherwise queue for review.
      inputs: [invoice, purchase_order]
      outputs: ["approval: Approval"]
      depends_on: [match_purchase_order, check_duplicates]

    - book_payable
    - schedule_payment
`;

/** All examples, for template pickers and for tests that every example stays valid. */
export const SPEC_EXAMPLES = [
  { id: "short_form", title: "Short form (customer onboarding)", yaml: SHORT_FORM_EXAMPLE },
  { id: "customer_onboarding", title: "Customer onboarding (long form)", yaml: CUSTOMER_ONBOARDING_EXAMPLE },
  { id: "invoice_processing", title: "Invoice processing (TypeScript)", yaml: INVOICE_PROCESSING_EXAMPLE },
] as const;
