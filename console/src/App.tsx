import { Fragment, useState } from 'react';
import { BrowserRouter, Navigate, NavLink, Route, Routes } from 'react-router';
import { signOut, type SignedInUser } from './auth/auth';
import { mayAct, UserProvider } from './auth/user';
import { useLanguage } from './i18n/language';
import { ChartsPage } from './pages/ChartsPage';
import { CustomerPage } from './pages/CustomerPage';
import { CustomersPage } from './pages/CustomersPage';
import { DealPage } from './pages/DealPage';
import { DispatchPage } from './pages/DispatchPage';
import { InventoryPage } from './pages/InventoryPage';
import { FollowingProvider, UnreadBadge } from './pages/knowledge/Following';
import { KnowledgePage } from './pages/knowledge/KnowledgePage';
import { NotificationsPage } from './pages/knowledge/NotificationsPage';
import { PagePage } from './pages/knowledge/PagePage';
import { ScenarioPage } from './pages/knowledge/ScenarioPage';
import { ScenariosPage } from './pages/knowledge/ScenariosPage';
import { KnowledgeSearchPage } from './pages/knowledge/SearchPage';
import { SolutionPage } from './pages/knowledge/SolutionPage';
import { SpacePage } from './pages/knowledge/SpacePage';
import { OkrPage } from './pages/OkrPage';
import { OpportunityFormPage } from './pages/OpportunityFormPage';
import { OpportunityPage } from './pages/OpportunityPage';
import { OrderPage } from './pages/OrderPage';
import { OrdersPage } from './pages/OrdersPage';
import { PeoplePage } from './pages/PeoplePage';
import { PipelinePage } from './pages/PipelinePage';
import { PrivacyPage } from './pages/PrivacyPage';
import { VehiclePage } from './pages/VehiclePage';

const navigation = [
  ['/inventory', 'nav.inventory'],
  ['/customers', 'nav.customers'],
  ['/opportunities/new', 'nav.newOpportunity'],
  ['/pipeline', 'nav.pipeline'],
  ['/orders', 'nav.orders'],
  ['/dispatch', 'nav.dispatch'],
  ['/okr', 'nav.okr'],
  ['/people', 'nav.people'],
  ['/charts', 'nav.charts'],
  ['/knowledge', 'nav.knowledge'],
] as const;

/** Pages for administrators alone: the API refuses anyone else, so nobody else is shown the way there. */
const administration = [['/privacy', 'nav.privacy']] as const;

export function App({ user }: { user: SignedInUser }) {
  const { t, toggle } = useLanguage();
  // On a phone the navigation folds behind one button; choosing a page folds it again.
  const [menuOpen, setMenuOpen] = useState(false);
  const pages = mayAct(user) ? [...navigation, ...administration] : navigation;
  return (
    <BrowserRouter>
      <FollowingProvider>
        <a className="skip" href="#main">
          {t('app.skipToContent')}
        </a>
        <header className="top">
          <span className="brand">{t('app.title')}</span>
          <button type="button" className="menu" data-testid="menu" aria-expanded={menuOpen} aria-controls="navigation" onClick={() => setMenuOpen((open) => !open)}>
            {t('app.menu')}
          </button>
          <nav id="navigation" className={menuOpen ? 'open' : undefined} aria-label={t('app.navigation')}>
            {pages.map(([path, label]) => (
              <Fragment key={path}>
                <NavLink to={path} end={path === '/orders'} onClick={() => setMenuOpen(false)}>
                  {t(label)}
                </NavLink>
                {path === '/knowledge' && <UnreadBadge onClick={() => setMenuOpen(false)} />}
              </Fragment>
            ))}
          </nav>
          <span className="user" data-testid="user">
            {user.name}
            <small data-testid="roles">{[...user.roles, user.region].filter(Boolean).join(' · ')}</small>
          </span>
          <button type="button" data-testid="language" onClick={toggle}>
            {t('language.switch')}
          </button>
          <button type="button" data-testid="sign-out" onClick={() => void signOut()}>
            {t('user.signOut')}
          </button>
        </header>
        <main id="main" tabIndex={-1}>
          <UserProvider user={user}>
            <Routes>
              <Route path="/" element={<Navigate to="/inventory" replace />} />
              <Route path="/inventory" element={<InventoryPage />} />
              <Route path="/vehicles/:code" element={<VehiclePage />} />
              <Route path="/customers" element={<CustomersPage />} />
              <Route path="/customers/:id" element={<CustomerPage />} />
              <Route path="/opportunities/new" element={<OpportunityFormPage />} />
              <Route path="/opportunities/:id" element={<OpportunityPage />} />
              <Route path="/pipeline" element={<PipelinePage />} />
              <Route path="/orders" element={<OrdersPage />} />
              <Route path="/orders/:id" element={<OrderPage />} />
              <Route path="/deals/:id" element={<DealPage />} />
              <Route path="/dispatch" element={<DispatchPage />} />
              <Route path="/okr" element={<OkrPage />} />
              <Route path="/people" element={<PeoplePage />} />
              <Route path="/charts" element={<ChartsPage />} />
              <Route path="/knowledge" element={<KnowledgePage />} />
              <Route path="/knowledge/search" element={<KnowledgeSearchPage />} />
              <Route path="/knowledge/notifications" element={<NotificationsPage />} />
              <Route path="/knowledge/spaces/:id" element={<SpacePage />} />
              <Route path="/knowledge/pages/:id" element={<PagePage />} />
              <Route path="/knowledge/scenarios" element={<ScenariosPage />} />
              <Route path="/knowledge/scenarios/:id" element={<ScenarioPage />} />
              <Route path="/knowledge/scenarios/:id/conditions/:conditionId" element={<SolutionPage />} />
              <Route path="/privacy" element={<PrivacyPage />} />
              <Route path="*" element={<Navigate to="/inventory" replace />} />
            </Routes>
          </UserProvider>
        </main>
      </FollowingProvider>
    </BrowserRouter>
  );
}
