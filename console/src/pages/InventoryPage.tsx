import { createColumnHelper } from '@tanstack/react-table';
import { useState } from 'react';
import { fleet, vehicleStatuses, type InventoryCount, type InventoryFilter, type InventoryLine } from '../api/fleet';
import { mayAct, useUser } from '../auth/user';
import { FoldedCommandForm, numberOf } from '../commands/CommandForm';
import { DataTable } from '../components/DataTable';
import { type ExportColumn } from '../components/ExportButtons';
import { ListView } from '../components/ListView';
import { Loading } from '../components/Loading';
import { VehicleLink } from '../components/links';
import { Select } from '../components/Select';
import { useAddressQuery } from '../components/useAddressQuery';
import { useApi } from '../components/useApi';
import { modelLabel, useModelNames, useModels } from '../components/useModels';
import { useLanguage } from '../i18n/language';
import { useRegionList, useRegions } from '../components/useRegions';
import { useWarehouseChoices } from '../components/useWarehouses';
import { WhenVisible } from '../components/WhenVisible';
import { FleetMap } from './FleetMap';

const filterNames = ['search', 'model', 'status', 'region', 'warehouse'] as const;
/** The columns the API sorts the inventory by. */
const sortColumns = ['code', 'model', 'category', 'status', 'region', 'warehouse'] as const;

const line = createColumnHelper<InventoryLine>();
const count = createColumnHelper<InventoryCount>();

/**
 * The inventory [库存表]: every vehicle a page at a time, searched, filtered and sorted in the address (so a view can
 * be shared, and the back button returns to it).
 */
export function InventoryPage() {
  const regions = useRegions();
  const warehouses = useWarehouseChoices().warehouses.map((warehouse) => warehouse.code);
  const { t, word } = useLanguage();
  const query = useAddressQuery();
  const filter: InventoryFilter = Object.fromEntries(filterNames.map((name) => [name, query.get(name)]));
  const { key, set } = query;
  const sort = query.get('sort');
  const counts = useApi(`counts?${key}`, () => fleet.counts(filter));
  const models = useModels();
  const modelName = useModelNames();

  const typed = (form: HTMLFormElement) => {
    const data = new FormData(form);
    const text = (name: string) => String(data.get(name) ?? '').trim();
    set({ search: text('search'), model: text('model') });
  };

  const columns = [
    line.accessor('code', { header: 'inventory.code', cell: (cell) => <VehicleLink code={cell.getValue()} /> }),
    line.accessor('model', { header: 'common.model', cell: (cell) => modelName(cell.getValue()) }),
    line.accessor('category', { header: 'inventory.category', cell: (cell) => word('category', cell.getValue()) }),
    line.accessor('status', { header: 'common.status', cell: (cell) => t(`status.${cell.getValue()}`) }),
    line.accessor('region', { header: 'common.region', cell: (cell) => word('region', cell.getValue()) }),
    line.accessor('warehouse', { header: 'inventory.warehouse' }),
    line.accessor('holder', { header: 'inventory.holder' }),
  ];
  const countColumns = [
    count.accessor('model', { header: 'common.model', cell: (cell) => modelName(cell.getValue()) }),
    count.accessor('status', { header: 'common.status', cell: (cell) => t(`status.${cell.getValue()}`) }),
    count.accessor('region', { header: 'common.region', cell: (cell) => word('region', cell.getValue()) }),
    count.accessor('warehouse', { header: 'inventory.warehouse' }),
    count.accessor('count', { header: 'common.count' }),
  ];

  return (
    <section>
      <h1>{t('inventory.title')}</h1>
      <ListView
        name="inventory"
        rowTestId="inventory-row"
        query={query}
        fetchPage={(page, pageSize) => fleet.inventory(filter, page, pageSize, sort)}
        columns={columns}
        exported={exported(t)}
        sortColumns={sortColumns}
        defaultSort="code"
        filters={
          <form
            className="filters"
            onSubmit={(event) => {
              event.preventDefault();
              typed(event.currentTarget);
            }}
          >
            <label>
              {t('inventory.search')}
              <input type="search" name="search" defaultValue={filter.search} placeholder={t('inventory.searchHint')} data-testid="inventory-search" />
            </label>
            <label>
              {t('common.model')}
              <input name="model" list="catalogue-models" defaultValue={filter.model} onBlur={(event) => typed(event.target.form!)} />
              {/* The catalogue's models offered as the code is typed, each with its name. */}
              <datalist id="catalogue-models">
                {models.state === 'ready' && models.data.map((model) => <option key={model.model} value={model.model} label={model.name} />)}
              </datalist>
            </label>
            <Select label="common.status" name="status" value={filter.status ?? ''} options={vehicleStatuses} optionLabels="status." emptyLabel="common.all" onChange={(status) => set({ status })} />
            <Select label="common.region" name="region" value={filter.region ?? ''} options={regions} optionLabels="region." emptyLabel="common.all" onChange={(region) => set({ region })} />
            <Select label="inventory.warehouse" name="warehouse" value={filter.warehouse ?? ''} options={withChosen(warehouses, filter.warehouse)} emptyLabel="common.all" onChange={(warehouse) => set({ warehouse })} />
            {/* Enter in any box applies what was typed: a form with several boxes submits on Enter only through its button. */}
            <button type="submit">{t('inventory.apply')}</button>
          </form>
        }
      />
      <h2>{t('inventory.map')}</h2>
      <WhenVisible height={520} testId="fleet-map">
        <FleetMap filter={filter} filterKey={key} />
      </WhenVisible>
      <RegisterVehicle />
      <h2>{t('inventory.counts')}</h2>
      <Loading loaded={counts}>{(found) => <DataTable rows={found} columns={countColumns} testId="inventory-counts" />}</Loading>
    </section>
  );
}

/** The choices, with the one the address names even before the list has it (still loading, or since closed). */
const withChosen = (choices: readonly string[], chosen: string | undefined) => (chosen && !choices.includes(chosen) ? [...choices, chosen] : choices);

/** The inventory as exported: the table's columns, its status in the reader's words. */
const exported = (t: (key: string) => string): ExportColumn<InventoryLine>[] => [
  { header: 'inventory.code', value: (row) => row.code },
  { header: 'common.model', value: (row) => row.model },
  { header: 'inventory.category', value: (row) => row.category },
  { header: 'common.status', value: (row) => t(`status.${row.status}`) },
  { header: 'common.region', value: (row) => row.region },
  { header: 'inventory.warehouse', value: (row) => row.warehouse },
  { header: 'inventory.holder', value: (row) => row.holder },
];

/**
 * Fleet operations register a vehicle when its production completes: its model from the catalogue (which gives its
 * category) and the open warehouse it is at (which gives its region); and open a warehouse in one of the regions.
 */
function RegisterVehicle() {
  const { t, word } = useLanguage();
  const user = useUser();
  const regions = useRegionList();
  const models = useModels();
  const [opened, setOpened] = useState<string>();
  const { options: warehouses } = useWarehouseChoices(undefined, opened);
  const [registered, setRegistered] = useState<string>();
  if (!mayAct(user, 'fleet-operations') || models.state !== 'ready') {
    return null;
  }
  return (
    <>
      <FoldedCommandForm
        id="register-vehicle"
        title="inventory.register"
        fields={[
          { name: 'code', label: 'inventory.code' },
          { name: 'model', label: 'common.model', type: 'select', options: models.data.map((model) => ({ value: model.model, label: modelLabel(model) })) },
          { name: 'warehouse', label: 'inventory.warehouse', type: 'select', options: warehouses },
        ]}
        send={(values, key) =>
          fleet.register(
            {
              code: values('code'),
              model: values('model'),
              category: models.data.find((model) => model.model === values('model'))?.category ?? null,
              warehouse: values('warehouse'),
            },
            key,
          )
        }
        onDone={(vehicle) => setRegistered(vehicle.code)}
      />
      <FoldedCommandForm
        id="open-warehouse"
        title="inventory.openWarehouse"
        fields={[
          { name: 'code', label: 'inventory.warehouseCode' },
          { name: 'region', label: 'common.region', type: 'select', options: regions.map((region) => ({ value: region.name, label: word('region', region.name) })) },
          { name: 'latitude', label: 'inventory.latitude', type: 'number', step: 'any' },
          { name: 'longitude', label: 'inventory.longitude', type: 'number', step: 'any' },
        ]}
        send={(values, key) =>
          fleet.openWarehouse(
            { code: values('code'), region: values('region'), latitude: numberOf(values('latitude')), longitude: numberOf(values('longitude')) },
            key,
          )
        }
        onDone={(warehouse) => setOpened(warehouse.code)}
      />
      {opened && (
        <p className="success" data-testid="warehouse-opened">
          {t('inventory.warehouseOpened', { warehouse: opened })}
        </p>
      )}
      {registered && (
        <p className="success" data-testid="vehicle-registered">
          <VehicleLink code={registered} />
        </p>
      )}
    </>
  );
}
