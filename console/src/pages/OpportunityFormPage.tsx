import { useState, type FormEvent } from 'react';
import { orders, type FileOpportunity, type Opportunity } from '../api/orders';
import { useUser } from '../auth/user';
import { FieldError, FormProblems } from '../commands/CommandForm';
import { useCommand } from '../commands/useCommand';
import { CustomerBox, useCustomerChoices } from '../components/CustomerBox';
import { Loading } from '../components/Loading';
import { OpportunityLink } from '../components/links';
import { RegionSelect } from '../components/RegionSelect';
import { modelLabel, useModels } from '../components/useModels';
import { useLanguage } from '../i18n/language';
import { customerNaming, type KnownCustomer } from '../lib/customers';

const fields = ['customer', 'customerId', 'region', 'salesRep', 'model', 'quantity', 'expectedAmount', 'expectedCloseDate'] as const;
type Field = (typeof fields)[number];

const labels: Record<Field, string> = {
  customer: 'common.customer',
  customerId: 'customer.id',
  region: 'common.region',
  salesRep: 'common.salesRep',
  model: 'common.model',
  quantity: 'common.quantity',
  expectedAmount: 'opportunity.expectedAmount',
  expectedCloseDate: 'opportunity.expectedCloseDate',
};

/**
 * What the inputs say, as the API reads it: blank is null (the API names what is missing), numbers as numbers; the
 * customer by its id when the text is a known customer's name or id, else by the name typed (registered when new).
 */
function readForm(form: HTMLFormElement, known: readonly KnownCustomer[]): FileOpportunity {
  const data = new FormData(form);
  const text = (name: Field) => String(data.get(name) ?? '').trim() || null;
  const number = (name: Field) => {
    const value = text(name);
    return value === null || Number.isNaN(Number(value)) ? null : Number(value);
  };
  return {
    ...customerNaming(text('customer'), known),
    region: text('region'),
    salesRep: text('salesRep'),
    lines: [{ model: text('model'), quantity: number('quantity') }],
    expectedAmount: number('expectedAmount'),
    expectedCloseDate: text('expectedCloseDate'),
  };
}

/**
 * The opportunity form [表单填报]. The browser checks nothing (noValidate): the API decides, and its validation errors
 * are shown on the inputs they name.
 */
export function OpportunityFormPage() {
  const user = useUser();
  const { t } = useLanguage();
  const [typed, setTyped] = useState('');
  const customers = useCustomerChoices(typed);
  const models = useModels();
  const [filed, setFiled] = useState<Opportunity>();
  // Pressing "file" again after an answer that never came files the same opportunity once.
  const filing = useCommand(orders.fileOpportunity, fields);
  const { errors, refusal, sending } = filing;

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setFiled(undefined);
    const outcome = await filing.run(readForm(event.currentTarget, customers.known));
    if (outcome && 'answer' in outcome) {
      setFiled(outcome.answer);
    }
  };

  const input = (name: Field, props: Record<string, string> = {}) => (
    <label key={name}>
      {t(labels[name])}
      <input name={name} aria-invalid={name in errors.fields} {...props} />
      <FieldError name={name} messages={errors.fields[name]} />
    </label>
  );

  return (
    <section>
      <h1>{t('opportunity.newTitle')}</h1>
      <form className="form" data-testid="opportunity-form" noValidate onSubmit={(event) => void submit(event)}>
        <label>
          {t(labels.customer)}
          <CustomerBox
            name="customer"
            invalid={'customer' in errors.fields || 'customerId' in errors.fields}
            choices={customers}
            onType={setTyped}
            newHint="opportunity.customerHint"
          />
          <FieldError name="customer" messages={errors.fields.customer ?? errors.fields.customerId} />
        </label>
        {/* The signed-in person's own region chosen at first. */}
        <RegionSelect defaultValue={user.region} invalid={'region' in errors.fields}>
          <FieldError name="region" messages={errors.fields.region} />
        </RegionSelect>
        {input('salesRep', { defaultValue: user.roles.includes('sales-rep') ? user.id : '' })}
        <label>
          {t('common.model')}
          <Loading loaded={models}>
            {(known) => (
              <select name="model" defaultValue="" aria-invalid={'model' in errors.fields}>
                <option value="">{t('opportunity.choose')}</option>
                {known.map((model) => (
                  <option key={model.model} value={model.model}>
                    {modelLabel(model)}
                  </option>
                ))}
              </select>
            )}
          </Loading>
          <FieldError name="model" messages={errors.fields.model} />
        </label>
        {input('quantity', { type: 'number', min: '1', step: '1' })}
        {input('expectedAmount', { type: 'number', min: '0', step: '0.01' })}
        {input('expectedCloseDate', { type: 'date' })}
        <FormProblems unmapped={errors.unmapped} refusal={refusal} />
        <button type="submit" disabled={sending}>
          {t('opportunity.submit')}
        </button>
      </form>
      {filed && (
        <p className="success" data-testid="opportunity-filed" data-id={filed.id}>
          {t('opportunity.filed', { id: filed.id })} <OpportunityLink id={filed.id} />
        </p>
      )}
    </section>
  );
}
